import { classifyToken, isSentenceStarter } from './abbreviations.ts';

/**
 * Pure decisions over a text buffer: is this a sentence or clause boundary?
 * Every answer is certain; when the characters needed to be certain have not
 * arrived yet (and the text is not `final`), the answer is 'wait'.
 */
export type Decision = 'yes' | 'no' | 'wait';

const TERMINATORS = new Set(['.', '!', '?', '…', '。', '！', '？']);
const WIDE_TERMINATORS = /[。！？]/;
/** May follow a terminator and still belong to the sentence it ends. */
const CLOSERS = new Set(['"', "'", '”', '’', '»', ')', ']', '}', '*', '_', '」', '』']);
/** May open the next sentence before its first letter. */
const OPENERS = new Set(['"', "'", '“', '‘', '«', '(', '[', '{', '¿', '¡', '*', '_']);

export const isTerminator = (char: string | undefined): boolean =>
  char !== undefined && TERMINATORS.has(char);
const isSpace = (char: string | undefined): boolean => char !== undefined && /\s/.test(char);
const isLower = (char: string): boolean => /\p{Ll}/u.test(char);
const isWordChar = (char: string | undefined): boolean =>
  char !== undefined && /[\p{L}\p{M}'’]/u.test(char);

/** Index just past the run of terminators and closers that starts at `start`. */
export function runEnd(text: string, start: number): number {
  let end = start;
  while (end < text.length && (isTerminator(text[end]) || CLOSERS.has(text[end]!))) end++;
  return end;
}

/** The word written just before `index`, without leading opening marks. */
function tokenBefore(text: string, index: number): { token: string; start: number } {
  let start = index;
  while (start > 0 && !isSpace(text[start - 1])) start--;
  while (start < index && OPENERS.has(text[start]!)) start++;
  return { token: text.slice(start, index), start };
}

/**
 * Decides whether the terminator run text[start, end) ends a sentence.
 * Rules: no space after it → no ("3.5", "example.com"); a newline after it →
 * yes; a lower-case next word → no ("etc. and", "… and then"); after ? ! or an
 * ellipsis → yes; after a period, an abbreviation or initial ends the sentence
 * only when the next word is a common sentence opener ("Main St. It" vs "St. Louis").
 */
export function decideSentenceEnd(
  text: string,
  start: number,
  end: number,
  final: boolean,
): Decision {
  if (end >= text.length) return final ? 'yes' : 'wait';
  const run = text.slice(start, end);
  if (WIDE_TERMINATORS.test(run)) return 'yes';
  if (!isSpace(text[end])) return 'no';

  let next = end;
  while (next < text.length && isSpace(text[next])) {
    if (text[next] === '\n') return 'yes';
    next++;
  }
  while (next < text.length && OPENERS.has(text[next]!)) next++;
  if (next >= text.length) return final ? 'yes' : 'wait';
  if (isLower(text[next]!)) return 'no';

  const singlePeriod = run.replace(/[^.!?…]/g, '') === '.';
  if (!singlePeriod) return 'yes';
  const { token, start: tokenStart } = tokenBefore(text, start);
  const kind = classifyToken(token, text.slice(0, tokenStart));
  if (kind === 'plain') return 'yes';
  if (kind === 'never-final') return 'no';

  let wordEnd = next;
  while (isWordChar(text[wordEnd])) wordEnd++;
  if (wordEnd >= text.length && !final) return 'wait';
  const word = text.slice(next, wordEnd);
  if (word === '') return 'no';
  // "J. A. Smith": a single capital followed by a period continues a run of initials.
  if (kind === 'initial' && /^\p{Lu}$/u.test(word) && text[wordEnd] === '.') return 'no';
  return isSentenceStarter(word) ? 'yes' : 'no';
}

const CLAUSE_MARKS = new Set([',', ';', ':']);
const DASHES = new Set(['-', '–', '—']);

/**
 * Decides whether text[index] ends a clause: , ; : followed by a space, a
 * spaced dash (" - ", " – "), or an em dash. Returns the cut position (just
 * after the mark), or a Decision of 'no' / 'wait'.
 */
export function decideClauseEnd(text: string, index: number, final: boolean): number | Decision {
  const char = text[index]!;
  const spacedAfter = (): number | Decision => {
    if (index + 1 >= text.length) return final ? index + 1 : 'wait';
    return isSpace(text[index + 1]) ? index + 1 : 'no';
  };
  if (CLAUSE_MARKS.has(char)) return spacedAfter();
  if (char === '—') return index + 1;
  if (DASHES.has(char) && isSpace(text[index - 1])) return spacedAfter();
  return 'no';
}
