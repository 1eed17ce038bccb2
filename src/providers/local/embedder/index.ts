export { createLocalEmbedder, DEFAULT_LOCAL_EMBEDDER_DIMENSIONS } from './embedder.ts';
export type { LocalEmbedderOptions } from './embedder.ts';
export { contentStems, foldText, stem } from './text-features.ts';
export { offlineEmbedderFor, sentenceEmbedderFor } from './offline.ts';
export { createUseLiteEmbedder, useLiteAvailable } from './use-lite/embedder.ts';
export type { UseLiteEmbedderOptions } from './use-lite/embedder.ts';
export { EmbeddingThread, sharedEmbeddingThread } from './use-lite/thread.ts';
export type { EmbeddingThreadOptions } from './use-lite/thread.ts';
