import type { Embedder } from '../spec/retrieval.ts';

/**
 * Cache threshold for the local hashed-n-gram embedder, from
 * `src/cache/calibration/run.ts` on the labelled pairs: reworded questions
 * score 0.77–1.0, different questions of the same kind at most 0.77, so 0.79
 * keeps wrong hits at 0 % and paraphrase hits at 95 %.
 */
export const LOCAL_EMBEDDER_CACHE_THRESHOLD = 0.79;

/** The usual threshold for trained sentence embedders. Recalibrate per model. */
export const SENTENCE_EMBEDDER_CACHE_THRESHOLD = 0.95;

export function defaultThresholdFor(embedder: Pick<Embedder, 'provider' | 'model'>): number {
  return embedder.provider === 'local' && embedder.model.startsWith('hashed-ngrams')
    ? LOCAL_EMBEDDER_CACHE_THRESHOLD
    : SENTENCE_EMBEDDER_CACHE_THRESHOLD;
}
