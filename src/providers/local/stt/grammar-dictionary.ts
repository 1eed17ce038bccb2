import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { SttVocabulary } from '../../../spec/stt.ts';
import { wordsOfJsgf } from './jsgf.ts';
import { stripAlternateMarker } from './tokens.ts';

/** Characters of a dictionary examined between two turns of the event loop (~3,000 lines). */
const CHARS_PER_SLICE = 64 * 1024;

/** The lines of `text` whose head word (alternates `word(2)` included) is one of `words`, in order. */
export function dictionaryLines(lines: readonly string[], words: ReadonlySet<string>): string[] {
  return lines.filter((line) => {
    const head = line.split(/\s/, 1)[0];
    return head !== undefined && head !== '' && words.has(stripAlternateMarker(head));
  });
}

/**
 * Reads a pronunciation dictionary and keeps the lines for `words`, a slice of
 * lines at a time with a turn of the event loop between (the full dictionary
 * has 134,000 lines; nothing of it is kept).
 */
export async function readDictionaryLines(
  path: string,
  words: ReadonlySet<string>,
): Promise<string[]> {
  const text = await readFile(path, 'utf8');
  const kept: string[] = [];
  for (let at = 0; at < text.length;) {
    const newline = text.indexOf('\n', Math.min(text.length, at + CHARS_PER_SLICE));
    const end = newline === -1 ? text.length : newline;
    kept.push(...dictionaryLines(text.slice(at, end).split('\n'), words));
    at = end + 1;
    await nextTurn();
  }
  return kept;
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
 * A dictionary file holding only `lines` (see readDictionaryLines), for a
 * grammar-only decoder: ~7 MB of native memory instead of ~31 MB with the
 * 134,000-word dictionary. Content-addressed in the temp folder, written once.
 */
export async function writeGrammarDictionary(
  lines: readonly string[],
  extension = 'dict',
): Promise<string> {
  const text = `${lines.join('\n')}\n`;
  const dir = join(tmpdir(), 'parley-pocketsphinx');
  const path = join(dir, `${createHash('sha1').update(text).digest('hex')}.${extension}`);
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
