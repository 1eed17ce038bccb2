/**
 * The one tokeniser turn decisions reason about: lowercase words with punctuation stripped,
 * accents, inner hyphens and apostrophes kept ("mm-hmm", "that's"); curly apostrophes
 * become straight ones.
 */
export function decisionTokens(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/[’‘]/g, "'")
    .replace(/[^\p{L}\p{N}'\s-]/gu, ' ')
    .split(/\s+/)
    .map((t) => t.replace(/^[-']+|[-']+$/g, ''))
    .filter((t) => t !== '');
}

const tokenisedLists = new WeakMap<readonly string[], readonly (readonly string[])[]>();

/** Each phrase of a list as tokens, longest first (so "oh okay" wins over "oh"); cached per list. */
export function phraseTokens(phrases: readonly string[]): readonly (readonly string[])[] {
  const cached = tokenisedLists.get(phrases);
  if (cached) return cached;
  const tokenised = phrases
    .map((p) => decisionTokens(p))
    .filter((p) => p.length > 0)
    .sort((a, b) => b.length - a.length);
  tokenisedLists.set(phrases, tokenised);
  return tokenised;
}

/** Whether `tokens` end with one of `phrases` (given as `phraseTokens`). */
export function endsWithPhrase(
  tokens: readonly string[],
  phrases: readonly (readonly string[])[],
): boolean {
  return phrases.some(
    (p) =>
      p.length <= tokens.length && p.every((w, k) => tokens[tokens.length - p.length + k] === w),
  );
}

/** Whether `tokens` are made up entirely of `phrases`, one after another. */
export function madeOfPhrases(
  tokens: readonly string[],
  phrases: readonly (readonly string[])[],
): boolean {
  if (tokens.length === 0) return false;
  const canEndAt = new Array<boolean>(tokens.length + 1).fill(false);
  canEndAt[0] = true;
  for (let i = 0; i < tokens.length; i++) {
    if (!canEndAt[i]) continue;
    for (const p of phrases) {
      if (p.every((w, k) => tokens[i + k] === w)) canEndAt[i + p.length] = true;
    }
  }
  return canEndAt[tokens.length] === true;
}

/** Whether one of `phrases` (given as `phraseTokens`) occurs anywhere in `tokens`. */
export function containsPhrase(
  tokens: readonly string[],
  phrases: readonly (readonly string[])[],
): boolean {
  return tokens.some((_, i) => phrases.some((p) => p.every((w, k) => tokens[i + k] === w)));
}
