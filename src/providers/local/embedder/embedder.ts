import type { Embedder, EmbedderCapabilities } from '../../../spec/retrieval.ts';
import { AbortedError } from '../../../spec/errors.ts';
import { hashFeatures } from './feature-hashing.ts';
import { DEFAULT_FEATURE_WEIGHTS, extractFeatures, type FeatureWeights } from './text-features.ts';

export interface LocalEmbedderOptions {
  /** Vector length; default 1024. */
  readonly dimensions?: number;
  readonly weights?: FeatureWeights;
}

export const DEFAULT_LOCAL_EMBEDDER_DIMENSIONS = 1024;

/**
 * Offline embedder with no weights: hashed word unigrams, bigrams and
 * character 4-grams of folded, lightly stemmed content words. Deterministic
 * and fast, but it knows no synonyms: pair it with a lexical score for
 * retrieval, and calibrate cache thresholds for it (see src/cache).
 */
export function createLocalEmbedder(options: LocalEmbedderOptions = {}): Embedder {
  const dimensions = options.dimensions ?? DEFAULT_LOCAL_EMBEDDER_DIMENSIONS;
  const weights = options.weights ?? DEFAULT_FEATURE_WEIGHTS;
  const capabilities: EmbedderCapabilities = { dimensions, maxBatch: 1024 };
  return {
    provider: 'local',
    model: `hashed-ngrams-${dimensions}`,
    capabilities,
    embed(texts, signal) {
      if (signal.aborted) {
        return Promise.reject(new AbortedError('embedding aborted', { cause: signal.reason }));
      }
      return Promise.resolve(
        texts.map((text) => hashFeatures(extractFeatures(text, weights), dimensions)),
      );
    },
  };
}
