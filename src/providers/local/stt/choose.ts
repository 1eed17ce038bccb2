import { DIGIT_LIKE_WORDS } from './digit-words.ts';

/** Which decoder's hypothesis a stream reports; 'none' when neither is believed (noise). */
export type HypothesisSource = 'grammar' | 'lm' | 'none';

/** One decoder's best path over an utterance: its words and acoustic score per 10 ms frame. */
export interface Candidate {
  readonly text: string;
  /** pocketsphinx acoustic score per frame (engine units, ≤ 0; higher fits better). */
  readonly acousticPerFrame: number;
}

/**
 * The grammar decoder is always forced onto one of its phrases; the language
 * model decoder is free. Over the same frames, the free path's acoustic fit is
 * the reference: a grammar phrase that was really said fits nearly as well,
 * one forced onto other words (or onto noise) fits clearly worse. Comparing
 * the two ("gap") holds across voices and levels where an absolute fit did not
 * (espeak-ng's in-grammar fits overlapped flite's out-of-grammar ones).
 */
export interface ChooseOptions {
  /** The grammar wins when its fit is at most this far below the LM path's… */
  readonly maxFitGap: number;
  /** …or at most this far when the LM heard at least `minAgreement` of its words. */
  readonly agreedFitGap: number;
  readonly minAgreement: number;
  /**
   * A grammar result of digits only (noise is easily forced onto "five five…")
   * needs the LM to have heard at least this share of as many digit-like words.
   */
  readonly minDigitEvidence: number;
  /**
   * A grammar path that is the LM's words in order plus at most this many digit
   * words, where the LM heard a digit string of its own (`minLmDigits` digit-like
   * words), filled noise or a pause with digits ("… seven one oh oh", "eight oh two
   * two zero"): the LM's text is reported. 0 turns it off.
   */
  readonly maxExtraDigits: number;
  readonly minLmDigits: number;
  /**
   * Given the keyword search's evidence, a turn-taking phrase the grammar chose stands only when
   * the search spotted one over the utterance (see TurnTakingEvidence). False: fit alone decides.
   */
  readonly turnTakingNeedsSpot: boolean;
}

/** Calibrated on the tuning voices (flite kal16, espeak-ng, RHVoice alan, Pico en-GB): see README. */
export const DEFAULT_CHOOSE: ChooseOptions = {
  maxFitGap: 2,
  agreedFitGap: 5,
  minAgreement: 0.6,
  minDigitEvidence: 0.5,
  maxExtraDigits: 2,
  minLmDigits: 3,
  turnTakingNeedsSpot: true,
};

const words = (text: string): string[] => text.split(' ').filter(Boolean);

/** Words the LM writes for digits it hears, homophones included ("for", "to", "oh"). */
function digitLikeCount(text: string): number {
  return words(text).filter((word) => DIGIT_LIKE_WORDS.has(word)).length;
}

function onlyDigits(text: string): boolean {
  const all = words(text);
  return all.length > 0 && all.every((word) => DIGIT_LIKE_WORDS.has(word));
}

/**
 * What the keyword search says about an utterance whose grammar path may be a turn-taking phrase.
 * The grammar holds the listening hints ("i need a minute", "sure", "bear with me") as phrases
 * of their own, and forces ordinary speech onto them: "i need a technician" became "i need a
 * minute", "show me the manual for the compressor" "sure" (45 of 552 ordinary utterances in
 * eval/spot-words.ts, nearly all of them the grammar's). A turn-taking phrase the grammar
 * chose stands only when the search heard one over the utterance too.
 */
export interface TurnTakingEvidence {
  /** Whether a text is one of the vocabulary's turn-taking phrases. */
  readonly isTurnTaking: (text: string) => boolean;
  /** Whether the keyword search spotted a turn-taking phrase over the utterance. */
  readonly spotted: boolean;
}

/**
 * Which hypothesis to report for an utterance heard by both decoders. With `turnTaking`, a
 * grammar path that is a turn-taking phrase nothing spotted gives way to the LM's words.
 */
export function chooseHypothesis(
  grammar: Candidate,
  lm: Candidate,
  options: ChooseOptions = DEFAULT_CHOOSE,
  turnTaking?: TurnTakingEvidence,
): HypothesisSource {
  const source = chooseByFit(grammar, lm, options);
  if (source !== 'grammar' || !options.turnTakingNeedsSpot) return source;
  if (!turnTaking || turnTaking.spotted) return source;
  if (!turnTaking.isTurnTaking(grammar.text)) return source;
  return lm.text ? 'lm' : 'none';
}

function chooseByFit(grammar: Candidate, lm: Candidate, options: ChooseOptions): HypothesisSource {
  if (!grammar.text) return lm.text ? 'lm' : 'none';
  const gap = lm.acousticPerFrame - grammar.acousticPerFrame;
  if (onlyDigits(grammar.text)) {
    const heard = digitLikeCount(lm.text);
    const needed = options.minDigitEvidence * words(grammar.text).length;
    if (heard < needed) return lm.text ? 'lm' : 'none';
  }
  if (addsOnlyDigits(grammar.text, lm.text, options)) return 'lm';
  if (gap <= options.maxFitGap) return 'grammar';
  const agreed = agreement(grammar.text, lm.text) >= options.minAgreement;
  if (agreed && gap <= options.agreedFitGap) return 'grammar';
  return lm.text ? 'lm' : 'none';
}

/** Whether `grammar` is all of `lm`'s words in order plus a few digit words (see maxExtraDigits). */
function addsOnlyDigits(grammar: string, lm: string, options: ChooseOptions): boolean {
  const extra = words(grammar).length - words(lm).length;
  if (extra < 1 || extra > options.maxExtraDigits) return false;
  if (digitLikeCount(lm) < options.minLmDigits) return false;
  if (agreement(lm, grammar) < 1) return false;
  return digitLikeCount(grammar) - digitLikeCount(lm) === extra;
}

/** Share of `reference`'s words found in order in `other` (longest common subsequence). */
export function agreement(reference: string, other: string): number {
  const a = words(reference);
  const b = words(other);
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
