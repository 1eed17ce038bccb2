import type { DialogueIntent } from '../../../spec/dialogue.ts';
import type { Embedder } from '../../../spec/retrieval.ts';
import { boundedUtterance } from './bounded.ts';
import type { SemanticScorer } from './intent-matcher.ts';

/**
 * Cosine similarity (USE-lite) to an intent's nearest example that counts as
 * a match (score 0.5, the default `matchThreshold`); calibrated on the
 * agents' examples (eval/intent-calibration.ts). Scores rise by SLOPE per unit of cosine.
 */
export const USE_LITE_COSINE_AT_MATCH = 0.6;
const SLOPE = 1.5;
/** Utterance vectors kept (a conversation re-reads its history every turn). */
const MAX_REMEMBERED = 256;

export interface SemanticIndex {
  /** Embeds the utterances not yet embedded (and, the first time, the examples). */
  prepare(utterances: readonly string[], signal: AbortSignal): Promise<void>;
  readonly scorer: SemanticScorer;
}

function cosine(a: Float32Array, b: Float32Array): number {
  let dot = 0;
  for (let i = 0; i < a.length; i++) dot += (a[i] ?? 0) * (b[i] ?? 0);
  return dot;
}

/** Maps a cosine to the matcher's 0–1 scale, 0.5 at `cosineAtMatch`. */
export function semanticScore(cos: number, cosineAtMatch = USE_LITE_COSINE_AT_MATCH): number {
  return Math.max(0, Math.min(1, 0.5 + (cos - cosineAtMatch) * SLOPE));
}

/**
 * Nearest-example scores from a sentence embedder. The engine calls
 * `prepare` (async) before deciding; the matcher then reads scores
 * synchronously, and gets none for an utterance that was not prepared.
 */
export function createSemanticIndex(
  intents: readonly DialogueIntent[],
  embedder: Embedder,
  cosineAtMatch = USE_LITE_COSINE_AT_MATCH,
): SemanticIndex {
  const examples = intents.flatMap((intent) =>
    intent.examples.map((example) => ({ intent, example })),
  );
  let exampleVectors: Float32Array[] | undefined;
  const utterances = new Map<string, Float32Array>();

  return {
    async prepare(texts, signal) {
      exampleVectors ??= await embedder.embed(
        examples.map((entry) => entry.example),
        signal,
      );
      const missing = [...new Set(texts.map((text) => boundedUtterance(text)))].filter(
        (text) => text.trim() !== '' && !utterances.has(text),
      );
      if (missing.length === 0) return;
      const vectors = await embedder.embed(missing, signal);
      for (const [index, text] of missing.entries()) {
        const vector = vectors[index];
        if (vector === undefined) continue;
        if (utterances.size >= MAX_REMEMBERED) {
          const oldest = utterances.keys().next().value;
          if (oldest !== undefined) utterances.delete(oldest);
        }
        utterances.set(text, vector);
      }
    },
    scorer(utterance) {
      const vector = utterances.get(utterance);
      if (vector === undefined || exampleVectors === undefined) return undefined;
      const best = new Map<DialogueIntent, number>();
      for (const [index, { intent }] of examples.entries()) {
        const example = exampleVectors[index];
        if (example === undefined) continue;
        const score = semanticScore(cosine(vector, example), cosineAtMatch);
        best.set(intent, Math.max(best.get(intent) ?? 0, score));
      }
      return best;
    },
  };
}
