/**
 * Speech words: runs of letters, marks and digits. Apostrophes join letters
 * ("don't", "l’eau"); . , : join digits ("3.5", "1,000", "10:30"); every
 * other mark (hyphens included, since "well-known" is said as two words)
 * separates.
 */
const WORD = /[\p{L}\p{M}\p{N}]+(?:(?:['’]|(?<=\p{N})[.,:](?=\p{N}))[\p{L}\p{M}\p{N}]+)*/gu;

export function splitWords(text: string): string[] {
  return text.match(WORD) ?? [];
}

export function countWords(text: string): number {
  let count = 0;
  for (const _ of text.matchAll(WORD)) count++;
  return count;
}

/** Whether `text` has anything to say: at least one letter or digit. */
export function hasSpeech(text: string): boolean {
  return /[\p{L}\p{N}]/u.test(text);
}
