/**
 * Caps on the text the dialogue engine reads, so one huge utterance (merged
 * superseded turns, a pasted page) costs no more than a long sentence: the
 * engine reads at most the last MAX_UTTERANCE_CHARS characters, cut at a word.
 * The latest words are kept because merged turns put the newest request last.
 */
export const MAX_UTTERANCE_CHARS = 400;

export function boundedUtterance(text: string, maxChars: number = MAX_UTTERANCE_CHARS): string {
  if (text.length <= maxChars) return text;
  const tail = text.slice(-maxChars);
  const space = tail.search(/\s/);
  return space >= 0 && space < 40 ? tail.slice(space + 1) : tail;
}
