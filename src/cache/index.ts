export { createSemanticCache } from './semantic-cache.ts';
export type { CacheLookup, SemanticCache, SemanticCacheOptions } from './semantic-cache.ts';
export { shouldCache } from './should-cache.ts';
export type { ToolCallMade } from './should-cache.ts';
export { normaliseQuestion } from './normalise-question.ts';
export {
  defaultThresholdFor,
  LOCAL_EMBEDDER_CACHE_THRESHOLD,
  SENTENCE_EMBEDDER_CACHE_THRESHOLD,
} from './thresholds.ts';
