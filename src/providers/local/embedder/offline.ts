import type { Embedder } from '../../../spec/retrieval.ts';
import { createLocalEmbedder } from './embedder.ts';
import { createUseLiteEmbedder, useLiteAvailable } from './use-lite/embedder.ts';

let english: Embedder | undefined;
let hashed: Embedder | undefined;

/**
 * The offline embedder for a language, one per process: the USE-lite sentence
 * encoder for English when its weights are installed, hashed n-gram features
 * otherwise (and for every other language: the encoder is English only).
 */
export function offlineEmbedderFor(language: string): Embedder {
  if (language.toLowerCase().startsWith('en') && useLiteAvailable()) {
    english ??= createUseLiteEmbedder();
    return english;
  }
  hashed ??= createLocalEmbedder();
  return hashed;
}

/** A trained sentence encoder for a language, or undefined (only English has one offline). */
export function sentenceEmbedderFor(language: string): Embedder | undefined {
  const embedder = offlineEmbedderFor(language);
  return embedder.model.startsWith('use-lite') ? embedder : undefined;
}
