/**
 * The keyword-spotting search's phrase file (pocketsphinx `-kws`): one `phrase /threshold/` a
 * line. A detection is kept when its score beats the threshold, and a phrase of more phones
 * scores lower by nature, so the threshold falls with the phrase's length: 10^-(perPhone × phones).
 */
export interface KeyphraseOptions {
  /** The threshold's exponent per phone of the phrase (a larger one spots more, and more falsely). */
  readonly exponentPerPhone: number;
  /** The exponent never goes under this for one-word phrases of few phones. */
  readonly minExponent: number;
  /** Frames the search waits after a phrase's end before reporting it (`-kws_delay`, default 10). */
  readonly delayFrames: number;
}

/**
 * Lenient: the search reports many candidates (a "sure" and a "right" over one word) and the
 * rule in spotted.ts keeps the best-scored one that covers the utterance; at 3 per phone
 * flite rms's "right" over pink noise was missed by a hair.
 */
export const DEFAULT_KEYPHRASES: KeyphraseOptions = {
  exponentPerPhone: 6,
  minExponent: 10,
  delayFrames: 10,
};

/** `phones` gives a phrase's phone count; phrases it cannot give (unknown words) are left out. */
export function keyphraseFile(
  phrases: readonly string[],
  phones: (phrase: string) => number | undefined,
  options: KeyphraseOptions = DEFAULT_KEYPHRASES,
): string {
  const lines: string[] = [];
  for (const phrase of new Set(phrases.map(normaliseKeyphrase))) {
    const count = phones(phrase);
    if (!phrase || count === undefined) continue;
    const exponent = Math.max(options.minExponent, Math.round(options.exponentPerPhone * count));
    lines.push(`${phrase} /1e-${exponent}/`);
  }
  return `${lines.join('\n')}\n`;
}

/** Lower case, words only ("Hold on!" → "hold on"; "mm-hmm" → "mm hmm"). */
export function normaliseKeyphrase(phrase: string): string {
  return (phrase.toLowerCase().match(/[\p{L}\p{N}']+/gu) ?? []).join(' ');
}
