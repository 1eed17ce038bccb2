/** Which decoder's hypothesis a stream reports when a grammar runs beside the language model. */
export type HypothesisSource = 'grammar' | 'lm';

/**
 * Thresholds on the grammar path's acoustic score per 10 ms frame ("fit",
 * pocketsphinx FSG units, ≤ 0) and on its agreement with the LM. Measured on
 * flite kal16 speech: in-grammar fits -10…-22, out-of-grammar -30…-48.
 */
export interface ChooseOptions {
  /** The grammar wins outright at or above this fit… */
  readonly minGrammarFit: number;
  /** …or at or above this looser fit when the LM heard at least `minAgreement` of its words. */
  readonly agreedGrammarFit: number;
  readonly minAgreement: number;
}

export const DEFAULT_CHOOSE: ChooseOptions = {
  minGrammarFit: -28,
  agreedGrammarFit: -36,
  minAgreement: 0.6,
};

/**
 * A grammar always returns one of its phrases, even for speech outside it. It
 * is trusted when its path fits the audio well, or fairly well and the free
 * language model heard roughly the same words.
 */
export function chooseHypothesis(
  grammar: { readonly text: string; readonly acousticPerFrame: number },
  lm: { readonly text: string },
  options: ChooseOptions = DEFAULT_CHOOSE,
): HypothesisSource {
  if (!grammar.text) return 'lm';
  if (!lm.text) return 'grammar';
  const fit = grammar.acousticPerFrame;
  if (fit >= options.minGrammarFit) return 'grammar';
  const agreed = agreement(grammar.text, lm.text) >= options.minAgreement;
  return agreed && fit >= options.agreedGrammarFit ? 'grammar' : 'lm';
}

/** Share of `reference`'s words found in order in `other` (longest common subsequence). */
export function agreement(reference: string, other: string): number {
  const a = reference.split(' ').filter(Boolean);
  const b = other.split(' ').filter(Boolean);
  if (a.length === 0) return 0;
  let previous = new Array<number>(b.length + 1).fill(0);
  for (const word of a) {
    const current = [0];
    for (let j = 1; j <= b.length; j++) {
      const diagonal = (previous[j - 1] ?? 0) + (b[j - 1] === word ? 1 : 0);
      current.push(Math.max(diagonal, previous[j] ?? 0, current[j - 1] ?? 0));
    }
    previous = current;
  }
  return (previous[b.length] ?? 0) / a.length;
}
