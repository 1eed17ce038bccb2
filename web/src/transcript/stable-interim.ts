/**
 * Interim transcripts change as the recogniser revises them. Only the words
 * that two interims in a row agree on are shown, so the line grows steadily
 * instead of flickering through guesses.
 */
export function stableWords(previous: string, next: string): string {
  const before = words(previous);
  const after = words(next);
  let agreed = 0;
  while (agreed < before.length && agreed < after.length && same(before[agreed], after[agreed]))
    agreed += 1;
  return after.slice(0, agreed).join(' ');
}

function words(text: string): string[] {
  return text.trim().split(/\s+/).filter(Boolean);
}

function same(a: string | undefined, b: string | undefined): boolean {
  return a !== undefined && b !== undefined && a.toLowerCase() === b.toLowerCase();
}
