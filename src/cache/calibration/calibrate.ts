import type { Embedder } from '../../spec/retrieval.ts';
import { cosineSimilarity } from '../../rag/stores/store-checks.ts';
import { normaliseQuestion } from '../normalise-question.ts';
import { questionKind } from '../question-kind.ts';
import type { LabelledPair } from './pairs.ts';

export interface ScoredPair extends LabelledPair {
  readonly similarity: number;
  /** Whether the cache's question-kind guard lets the pair hit at all. */
  readonly sameKind: boolean;
}

export interface Calibration {
  /** Chosen threshold: above every `different` pair of the same question kind by `margin`, rounded up to 0.01. */
  readonly threshold: number;
  readonly highestDifferent: number;
  readonly lowestSame: number;
  /** Share of `same` pairs at or above the threshold (cache hit rate on paraphrases). */
  readonly sameHitRate: number;
  /** Share of `different` pairs at or above the threshold (wrong answers served). */
  readonly differentHitRate: number;
  readonly pairs: readonly ScoredPair[];
}

export async function scorePairs(
  embedder: Embedder,
  pairs: readonly LabelledPair[],
  signal: AbortSignal,
): Promise<ScoredPair[]> {
  const texts = pairs.flatMap((p) => [normaliseQuestion(p.a), normaliseQuestion(p.b)]);
  const vectors = await embedder.embed(texts, signal);
  return pairs.map((pair, i) => {
    const a = vectors[2 * i] ?? new Float32Array(0);
    const b = vectors[2 * i + 1] ?? new Float32Array(0);
    const sameKind = questionKind(texts[2 * i] ?? '') === questionKind(texts[2 * i + 1] ?? '');
    return { ...pair, similarity: cosineSimilarity(a, b), sameKind };
  });
}

/**
 * A wrong cached answer is worse than a slower right one, so the threshold
 * sits just above the most similar pair of different questions.
 */
export function chooseThreshold(pairs: readonly ScoredPair[], margin = 0.02): Calibration {
  // A pair the question-kind guard separates can never hit, whatever its similarity.
  const effective = (p: ScoredPair): number => (p.sameKind ? p.similarity : -1);
  const sameScores = pairs.filter((p) => p.same).map(effective);
  const differentScores = pairs.filter((p) => !p.same).map(effective);
  const highestDifferent = Math.max(-1, ...differentScores);
  const threshold = Math.min(1, Math.ceil((highestDifferent + margin) * 100) / 100);
  const rate = (scores: number[]): number =>
    scores.length === 0 ? 0 : scores.filter((s) => s >= threshold).length / scores.length;
  return {
    threshold,
    highestDifferent,
    lowestSame: Math.min(1, ...sameScores),
    sameHitRate: rate(sameScores),
    differentHitRate: rate(differentScores),
    pairs,
  };
}

export interface PrecisionRecall {
  readonly threshold: number;
  /** Of the pairs at or above the threshold, the share that are paraphrases. */
  readonly precision: number;
  /** Of the paraphrase pairs, the share at or above the threshold. */
  readonly recall: number;
}

/** Precision and recall of "similarity ≥ threshold means the same question" (kind guard applied). */
export function precisionRecallAt(
  pairs: readonly ScoredPair[],
  threshold: number,
): PrecisionRecall {
  const hits = pairs.filter((p) => p.sameKind && p.similarity >= threshold);
  const same = pairs.filter((p) => p.same);
  const rightHits = hits.filter((p) => p.same).length;
  return {
    threshold,
    precision: hits.length === 0 ? 1 : rightHits / hits.length,
    recall: same.length === 0 ? 0 : rightHits / same.length,
  };
}
