/** Which decoder's hypothesis a stream reports when a grammar runs beside the language model. */
export type HypothesisSource = 'grammar' | 'lm';

export interface ChooseOptions {
  /** Grammar wins when at least this share of its words appear, in order, in the LM's hypothesis… */
  readonly minAgreement: number;
  /** …or when its acoustic score per frame is at least this (engine units, ≤ 0). */
  readonly minGrammarAcousticPerFrame: number;
}

export const DEFAULT_CHOOSE: ChooseOptions = {
  minAgreement: 0.5,
  minGrammarAcousticPerFrame: -20,
};

/**
 * A grammar always returns one of its phrases, even for speech outside it. It
 * is trusted when the free language model heard roughly the same words, or
 * when the grammar's path fits the audio well.
 */
export function chooseHypothesis(
  grammar: { readonly text: string; readonly acousticPerFrame?: number },
  lm: { readonly text: string },
  options: ChooseOptions = DEFAULT_CHOOSE,
): HypothesisSource {
  if (!grammar.text) return 'lm';
  if (!lm.text) return 'grammar';
  if (agreement(grammar.text, lm.text) >= options.minAgreement) return 'grammar';
  const fit = grammar.acousticPerFrame;
  return fit !== undefined && fit >= options.minGrammarAcousticPerFrame ? 'grammar' : 'lm';
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
