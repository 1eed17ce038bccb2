import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SttVocabulary } from '../../../spec/stt.ts';
import { wordsOfJsgf } from './jsgf.ts';
import { stripAlternateMarker } from './tokens.ts';

/** A pronunciation dictionary: head word → its lines (alternates included). */
export interface Dictionary {
  has(word: string): boolean;
  linesFor(word: string): readonly string[];
}

export function parseDictionary(text: string): Dictionary {
  const lines = new Map<string, string[]>();
  for (const line of text.split('\n')) {
    const head = line.split(/\s/, 1)[0];
    if (!head) continue;
    const word = stripAlternateMarker(head);
    const existing = lines.get(word);
    if (existing) existing.push(line);
    else lines.set(word, [line]);
  }
  return { has: (word) => lines.has(word), linesFor: (word) => lines.get(word) ?? [] };
}

/** Reads a dictionary (~35 MB of JavaScript objects for the full one: not kept, see grammarDictionaryFor). */
export async function loadDictionary(path: string): Promise<Dictionary> {
  return parseDictionary(await readFile(path, 'utf8'));
}

/** Every word a vocabulary (and the grammar made from it) can ask the decoder for. */
export function vocabularyWords(vocabulary: SttVocabulary, jsgf: string | undefined): Set<string> {
  const text = [
    ...(vocabulary.phrases ?? []),
    ...(vocabulary.keywords ?? []),
    ...Object.keys(vocabulary.pronunciations ?? {}),
  ].join(' ');
  const words = new Set(text.toLowerCase().match(/[\p{L}\p{N}'’-]+/gu) ?? []);
  for (const word of [...words]) for (const part of word.split('-')) words.add(part);
  for (const grammar of [vocabulary.grammar, jsgf]) {
    if (grammar) for (const word of wordsOfJsgf(grammar)) words.add(word.toLowerCase());
  }
  return words;
}

/**
 * A dictionary file holding only `words` (their lines from `dictionary`), for a
 * grammar-only decoder: ~7 MB of native memory instead of ~31 MB with the
 * 134,000-word dictionary. Content-addressed in the temp folder, written once.
 */
export async function writeGrammarDictionary(
  dictionary: Dictionary,
  words: Iterable<string>,
): Promise<string> {
  const lines = [...new Set(words)].sort().flatMap((word) => dictionary.linesFor(word));
  const text = `${lines.join('\n')}\n`;
  const dir = join(tmpdir(), 'parley-pocketsphinx');
  const path = join(dir, `${createHash('sha1').update(text).digest('hex')}.dict`);
  const exists = await stat(path).then(
    () => true,
    (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return false;
      throw error;
    },
  );
  if (exists) return path;
  await mkdir(dir, { recursive: true });
  const partial = `${path}.${process.pid}.tmp`;
  await writeFile(partial, text);
  await rename(partial, path);
  return path;
}
