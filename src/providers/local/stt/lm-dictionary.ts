import { setImmediate as nextTurn } from 'node:timers/promises';
import type { SttVocabulary } from '../../../spec/stt.ts';
import type { DecoderPaths } from './config.ts';
import { loadPocketsphinx } from './ffi.ts';
import {
  readDictionaryLines,
  vocabularyWords,
  writeGrammarDictionary,
} from './grammar-dictionary.ts';
import { sharedLanguageModel, underSharedModelLock } from './shared-lm.ts';
import { planVocabulary } from './vocabulary.ts';

/** Model words read between two turns of the event loop (~5 ms). */
const WORDS_PER_SLICE = 2_000;

const rankedWords = new Map<string, Promise<readonly string[]>>();

/**
 * The shared language model's words, likeliest first (by unigram score), read
 * once per model. `<s>`, `</s>` and `<UNK>` are left out.
 */
export function rankedLmWords(paths: DecoderPaths): Promise<readonly string[]> {
  const existing = rankedWords.get(paths.lmPath);
  if (existing) return existing;
  const ranking = (async () => {
    const model = await sharedLanguageModel(paths);
    const lib = loadPocketsphinx();
    // Read under the lock (attaching the model to a decoder rewrites its weights), a
    // slice of words at a time with a turn of the event loop between.
    const scored = await underSharedModelLock(async () => {
      const count = lib.ngramUnigramCount(model);
      const words: [string, number][] = [];
      for (let wid = 0; wid < count; wid++) {
        const word = lib.ngramWord(model, wid);
        if (word && !word.startsWith('<')) words.push([word, lib.ngramUnigramScore(model, wid)]);
        if (wid % WORDS_PER_SLICE === WORDS_PER_SLICE - 1) await nextTurn();
      }
      return words;
    });
    return scored.sort((a, b) => b[1] - a[1]).map(([word]) => word);
  })();
  rankedWords.set(paths.lmPath, ranking);
  ranking.catch(() => rankedWords.delete(paths.lmPath));
  return ranking;
}

const dictionaries = new Map<string, Promise<string>>();

/**
 * The dictionary of an open-vocabulary decoder: the `size` likeliest words of
 * the language model plus every word of the agent's vocabulary (all of the
 * model's words when `size` is undefined). The n-gram search never uses a
 * dictionary word the model lacks, so the 134,000-word dictionary's other
 * ~60,000 words only cost memory (see README: figures).
 */
export async function lmDecoderPaths(
  paths: DecoderPaths,
  vocabulary: SttVocabulary,
  size: number | undefined,
): Promise<DecoderPaths> {
  const key = `${paths.dictPath}\n${paths.lmPath}\n${size ?? 'all'}\n${JSON.stringify(vocabulary)}`;
  let dictPath = dictionaries.get(key);
  if (dictPath === undefined) {
    dictPath = (async () => {
      const ranked = await rankedLmWords(paths);
      const plan = planVocabulary(vocabulary, () => true);
      const words = vocabularyWords(vocabulary, plan.jsgf);
      for (const word of size === undefined ? ranked : ranked.slice(0, size)) words.add(word);
      return writeGrammarDictionary(await readDictionaryLines(paths.dictPath, words));
    })();
    dictionaries.set(key, dictPath);
    dictPath.catch(() => dictionaries.delete(key));
  }
  return { ...paths, dictPath: await dictPath };
}
