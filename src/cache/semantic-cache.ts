import { createHash } from 'node:crypto';
import type { Clock } from '../spec/clock.ts';
export type { CacheLookup } from '../spec/retrieval.ts';
import type {
  AnswerCache,
  CacheLookup,
  Embedder,
  VectorMatch,
  VectorStore,
} from '../spec/retrieval.ts';
import { createMemoryVectorStore } from '../rag/stores/memory.ts';
import { AudioMemo } from './audio-memo.ts';
import { defaultThresholdFor } from './thresholds.ts';
import { normaliseQuestion } from './normalise-question.ts';
import { questionKind } from './question-kind.ts';

export interface SemanticCacheOptions {
  readonly agentId: string;
  readonly embedder: Embedder;
  /** Where question vectors and answers live; default an in-memory store. */
  readonly store?: VectorStore;
  /** Cosine similarity at or above which a question hits; default calibrated per embedder. */
  readonly threshold?: number;
  /** How long an entry lives; default 24 hours. */
  readonly ttlMs?: number;
  /** Wall-clock time for TTLs (entries may outlive the process); default Date.now. */
  readonly clock?: Pick<Clock, 'now'>;
  /** Answers whose audio is kept in memory, across voices; default 200. */
  readonly maxAudioEntries?: number;
}

export interface SemanticCache extends AnswerCache {
  readonly threshold: number;
  /** Like `lookup`, but also tells the similarity on a miss. */
  lookupScored(question: string, voiceKey: string, signal: AbortSignal): Promise<CacheLookup>;
  /** Drops entries matching `question` (at or above the threshold), or every entry of the agent. */
  invalidate(question?: string, signal?: AbortSignal): Promise<void>;
  close(): Promise<void>;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const CANDIDATES = 5;
const MAX_ENTRIES = 100_000;

/**
 * Question → answer cache for one agent. Questions are normalised, embedded
 * and matched by cosine similarity (and the same question kind, so "when"
 * never gets the answer to "why"); a hit returns the stored answer and, when
 * the voice key matches, its audio. Callers store only answers that made no
 * side-effecting tool call (see `shouldCache`).
 */
export function createSemanticCache(options: SemanticCacheOptions): SemanticCache {
  const { agentId, embedder } = options;
  const ownsStore = !options.store;
  const store =
    options.store ?? createMemoryVectorStore({ dimensions: embedder.capabilities.dimensions });
  const threshold = options.threshold ?? defaultThresholdFor(embedder);
  const ttlMs = options.ttlMs ?? DAY_MS;
  const clock = options.clock ?? { now: () => Date.now() };
  const audio = new AudioMemo(options.maxAudioEntries ?? 200);
  const filter = { agentId, kind: 'cache' } as const;
  const entryId = (normalised: string): string =>
    `${agentId}:cache:${createHash('sha256').update(normalised).digest('hex').slice(0, 24)}`;
  const isExpired = (match: VectorMatch): boolean =>
    clock.now() - Number(match.metadata['storedAtMs'] ?? 0) > ttlMs;

  const nearest = async (
    normalised: string,
    topK: number,
    signal: AbortSignal,
  ): Promise<VectorMatch[]> => {
    const [vector] = await embedder.embed([normalised], signal);
    if (!vector) return [];
    const matches = await store.query({ vector, topK, filter }, signal);
    const expired = matches.filter(isExpired).map((m) => m.id);
    if (expired.length > 0) {
      await store.delete(expired, signal);
      for (const id of expired) audio.deleteEntry(id);
    }
    return matches.filter((m) => !expired.includes(m.id));
  };

  const lookupScored = async (
    question: string,
    voiceKey: string,
    signal: AbortSignal,
  ): Promise<CacheLookup> => {
    const normalised = normaliseQuestion(question);
    if (!normalised) return { similarity: 0 };
    const [best] = await nearest(normalised, CANDIDATES, signal);
    if (!best) return { similarity: 0 };
    const similarity = best.score;
    const sameKind = questionKind(normalised) === String(best.metadata['questionKind'] ?? '');
    if (similarity < threshold || !sameKind) return { similarity };
    const text = String(best.metadata['answer'] ?? '');
    const stored = audio.get(best.id, voiceKey, text);
    return { similarity, answer: { text, similarity, ...(stored ? { audio: stored } : {}) } };
  };

  return {
    threshold,
    lookupScored,
    async lookup(question, voiceKey, signal) {
      return (await lookupScored(question, voiceKey, signal)).answer;
    },
    async store(entry, signal) {
      const normalised = normaliseQuestion(entry.question);
      if (!normalised || !entry.answer.trim()) return;
      const [vector] = await embedder.embed([normalised], signal);
      if (!vector) return;
      const id = entryId(normalised);
      await store.upsert(
        [
          {
            id,
            vector,
            text: normalised,
            metadata: {
              ...filter,
              question: entry.question,
              questionKind: questionKind(normalised),
              answer: entry.answer,
              storedAtMs: clock.now(),
            },
          },
        ],
        signal,
      );
      if (entry.audio) audio.set(id, entry.voiceKey, entry.answer, entry.audio);
    },
    async invalidate(question, signal = new AbortController().signal) {
      if (question === undefined) {
        const all = await store.query(
          { vector: new Float32Array(store.dimensions), topK: MAX_ENTRIES, filter },
          signal,
        );
        await store.delete(
          all.map((m) => m.id),
          signal,
        );
        audio.clear();
        return;
      }
      const normalised = normaliseQuestion(question);
      if (!normalised) return;
      const matches = await nearest(normalised, MAX_ENTRIES, signal);
      const ids = [
        entryId(normalised),
        ...matches.filter((m) => m.score >= threshold).map((m) => m.id),
      ];
      await store.delete(ids, signal);
      for (const id of ids) audio.deleteEntry(id);
    },
    async close() {
      audio.clear();
      if (ownsStore) await store.close();
    },
  };
}
