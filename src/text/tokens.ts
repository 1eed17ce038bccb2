/** Lowercase words with punctuation stripped and accents kept: the unit turn decisions reason about. */
export function decisionTokens(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}'\s-]/gu, ' ')
    .split(/\s+/)
    .filter((t) => t !== '' && t !== '-');
}
