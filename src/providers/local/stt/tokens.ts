/**
 * Tokens pocketsphinx puts in hypotheses and segments that are not words:
 * sentence marks, silence, noise fillers (`[NOISE]`, `++UH++`) and the empty
 * `(NULL)` transitions of grammar searches.
 */
export function isFillerToken(token: string): boolean {
  return (
    token === '<s>' ||
    token === '</s>' ||
    token === '<sil>' ||
    token === '(NULL)' ||
    /^\[.*\]$/.test(token) ||
    /^\+\+.*\+\+$/.test(token)
  );
}

/** `coffee(2)` → `coffee`: the dictionary's alternate-pronunciation marker. */
export function stripAlternateMarker(token: string): string {
  return token.replace(/\(\d+\)$/, '');
}
