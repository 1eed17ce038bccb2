import type { WordTiming } from '../../../spec/model.ts';
import { languageTable } from '../../../text/language.ts';
import {
  containsPhrase,
  decisionTokens,
  endsWithPhrase,
  phraseTokens,
} from '../../../text/tokens.ts';
import type { HypothesisSource } from './choose.ts';
import { spotChain, type SpotChainOptions } from './spot-chain.ts';
import { loudFramesWithin, type Spot, type UtteranceLoudness } from './spots.ts';

export type { UtteranceLoudness } from './spots.ts';

export interface SpottedOptions {
  /** A spotted phrase may be all that was said when it spans at least this share of the loud frames… */
  readonly minCover: number;
  /** …and at most this many of the decoders' words lie (by their middle) outside it. */
  readonly maxWordsOutside: number;
  /**
   * …and the search scored it at least this (engine log units: the phrase against the phone
   * loop; a longer phrase scores lower). Forced fits of long phrases onto other speech ("i need a
   * minute" over "i need a technician") scored under -2,000 on the tuning voices.
   */
  readonly minScore: number;
  /** Interims too (the phrase so far), not only finals. */
  readonly inInterims: boolean;
  /**
   * A spot over the whole utterance is another reading of it (`alternatives`) only when scored
   * within this much of the best such spot: the search puts many short phrases over any short
   * sound, but over a "wait" its "wait" scored 240–330 above the rest, while over flite awb's
   * "uh-huh" heard as "no" the two scored 3–67 apart (tuning voices, noisy).
   */
  readonly readingMarginScore?: number;
  /**
   * Ways of asking for time spotted one after another over the utterance stand for it together
   * when no one of them covers it (see spot-chain.ts); undefined: off.
   */
  readonly askingForTimeChain?: SpotChainOptions | undefined;
}

export const DEFAULT_SPOTTED: SpottedOptions = {
  minCover: 0.4,
  maxWordsOutside: 1,
  minScore: -2000,
  inInterims: false,
  readingMarginScore: 100,
  askingForTimeChain: { minScore: -2100, minSpots: 2, minCover: 0.6, maxGapMs: 0 },
};

/** What the decoders made of an utterance, and what the keyword search spotted in it. */
export interface HeardWords {
  readonly text: string;
  /** Undefined for an interim (no word times): every word of the text beyond the phrase's count as outside. */
  readonly words: readonly WordTiming[] | undefined;
  readonly source: HypothesisSource;
  readonly spots: readonly Spot[];
}

/**
 * The utterance as the spotted turn-taking phrase when the keyword search heard one over most of
 * it, with at most `maxWordsOutside` of the decoders' words beside it: "right" heard "we're like"
 * over noise becomes "right". Not when the grammar won with one of its own phrases (the grammar
 * holds the turn-taking phrases too, as keywords: when it chose another phrase, that fitted
 * better) — unless what it chose is itself a turn-taking phrase (`isTurnTaking`): then the one
 * spotted over the utterance is the likelier ("sorry" forced onto "sure"). Undefined when the
 * decoders' words stand.
 */
export function spottedInstead(
  heard: HeardWords,
  loudness: UtteranceLoudness,
  options: SpottedOptions,
  isTurnTaking: (text: string) => boolean,
): { readonly text: string; readonly words: WordTiming[] } | undefined {
  if (heard.spots.length === 0) return undefined;
  if (heard.source === 'grammar' && !isTurnTaking(heard.text)) return undefined;
  return loneSpotInstead(heard, loudness, options) ?? chainInstead(heard, loudness, options);
}

function loneSpotInstead(
  heard: HeardWords,
  loudness: UtteranceLoudness,
  options: SpottedOptions,
): { readonly text: string; readonly words: WordTiming[] } | undefined {
  const whole = wholeUtteranceSpots(heard.spots, loudness, options);
  const spot = whole[0];
  if (!spot || (` ${heard.text} `.includes(` ${spot.phrase} `) && !endsShort(heard, spot)))
    return undefined;
  // The decoders' phrase was spotted over more of the utterance than the best spot: the search
  // agrees with them, though it scored a shorter phrase higher (a longer phrase scores lower by
  // nature). RHVoice clb's "One moment." over noise, heard so, was spotted "one moment" over
  // 120-830 ms and "mhm" over 220-810, 135 above it.
  const said = decisionTokens(heard.text).join(' ');
  const spans = (other: Spot) => loudFramesWithin(other, loudness);
  if (whole.some((other) => other.phrase === said && spans(other) > spans(spot))) return undefined;
  if (rivalled(spot, heard.spots, loudness, options)) return undefined;
  if (wordsOutside(heard, spot) > options.maxWordsOutside) return undefined;
  return { text: spot.phrase, words: spotWords(spot) };
}

/**
 * The decoders heard the spotted way of asking for time and then another word or so that leaves
 * the turn open (Pico's "Hold on a sec." over noise: "hold on for", "hold on while"): the spot
 * may stand for the utterance, as over words it did not hold (`maxWordsOutside` still applies).
 */
function endsShort(heard: HeardWords, spot: Spot): boolean {
  return asksForTime(spot.phrase) && !asksForTime(heard.text);
}

/** Ways of asking for time (English, as the spotter's phrases are): a turn that ends on one waits long. */
const ASKING_FOR_TIME = phraseTokens(languageTable('en').askingForTime);
const asksForTime = (text: string) => endsWithPhrase(decisionTokens(text), ASKING_FOR_TIME);
/** The most words a way of asking for time has: the decoders heard a sentence when they heard more. */
const ASKING_FOR_TIME_WORDS = Math.max(...ASKING_FOR_TIME.map((phrase) => phrase.length));

/**
 * The utterance as the way of asking for time it began with, when such spots overlapping one
 * another span it (`askingForTimeChain`) with at most `maxWordsOutside` of the decoders' words
 * beside them, and the decoders heard neither one already nor more words than one has (a
 * sentence). Its words span the chain: the person
 * said more than the phrase ("hold on" of "hold on a second"), and the turn ends after all of it.
 */
function chainInstead(
  heard: HeardWords,
  loudness: UtteranceLoudness,
  options: SpottedOptions,
): { readonly text: string; readonly words: WordTiming[] } | undefined {
  if (!options.askingForTimeChain || asksForTime(heard.text)) return undefined;
  if (decisionTokens(heard.text).length > ASKING_FOR_TIME_WORDS) return undefined;
  const chain = spotChain(heard.spots, loudness, options.askingForTimeChain, asksForTime);
  if (!chain) return undefined;
  const span = { phrase: chain.first.phrase, startMs: chain.startMs, endMs: chain.endMs };
  if (wordsOutside(heard, span) > options.maxWordsOutside) return undefined;
  return {
    text: chain.first.phrase,
    words: spotWords({ ...chain.first, endMs: chain.endMs }),
  };
}

/** The spotter's phrases are English (pocketsphinx en-US): these are said to stop the agent. */
const INTERRUPTING = phraseTokens(languageTable('en').interruptingWords);
const interrupts = (phrase: string) => containsPhrase(decisionTokens(phrase), INTERRUPTING);

/**
 * The best spot has a rival of the other kind — one that stops the agent against one that does
 * not — scored nearly as well (`readingMarginScore`): which was said is a toss-up, so the
 * decoders' words stand. Over flite awb's "uh-huh" the search scored "no" 3 above "uh huh".
 */
function rivalled(
  best: Spot,
  spots: readonly Spot[],
  loudness: UtteranceLoudness,
  options: SpottedOptions,
): boolean {
  const floorScore =
    best.score - (options.readingMarginScore ?? DEFAULT_SPOTTED.readingMarginScore ?? 0);
  return wholeUtteranceSpots(spots, loudness, options).some(
    (spot) => spot.score >= floorScore && interrupts(spot.phrase) !== interrupts(best.phrase),
  );
}

/**
 * The spotted phrase that may be the whole utterance: of the spots scored at least `minScore`
 * and spanning at least `minCover` of its loud frames, the one the search scored best. A turn-taking phrase inside a sentence
 * ("hold on to my order", "no, the other one") spans only part of it, so the sentence stays.
 */
export function wholeUtteranceSpot(
  spots: readonly Spot[],
  loudness: UtteranceLoudness,
  options: Pick<SpottedOptions, 'minCover' | 'minScore'> = DEFAULT_SPOTTED,
): Spot | undefined {
  return wholeUtteranceSpots(spots, loudness, options)[0];
}

/** Every spot that may be the whole utterance (see wholeUtteranceSpot), the best scored first. */
export function wholeUtteranceSpots(
  spots: readonly Spot[],
  loudness: UtteranceLoudness,
  options: Pick<SpottedOptions, 'minCover' | 'minScore'> = DEFAULT_SPOTTED,
): Spot[] {
  const loudTotal = loudness.loud.filter(Boolean).length;
  if (loudTotal === 0) return [];
  return spots
    .filter(
      (spot) =>
        spot.score >= options.minScore &&
        loudFramesWithin(spot, loudness) / loudTotal >= options.minCover,
    )
    .sort((a, b) => b.score - a.score);
}

/**
 * The phrases spotted over the whole utterance (for an interim, all of it so far) nearly as
 * well as the best (`readingMarginScore`), other than `text`: other readings of the same audio,
 * reported beside the text as `alternatives`. A listener's "uh-huh" heard as "no" still reads
 * as "uh huh": the conversation may then hold off an interruption; a spot alone never makes one.
 */
export function otherReadings(
  text: string,
  spots: readonly Spot[],
  loudness: UtteranceLoudness,
  options: Pick<SpottedOptions, 'minCover' | 'minScore' | 'readingMarginScore'> = DEFAULT_SPOTTED,
): string[] {
  const whole = wholeUtteranceSpots(spots, loudness, options);
  const marginScore = options.readingMarginScore ?? DEFAULT_SPOTTED.readingMarginScore ?? 0;
  const floorScore = (whole[0]?.score ?? 0) - marginScore;
  const phrases = whole.filter((spot) => spot.score >= floorScore).map((spot) => spot.phrase);
  return [...new Set(phrases)].filter((phrase) => phrase !== text);
}

function wordsOutside(heard: HeardWords, spot: Pick<Spot, 'phrase' | 'startMs' | 'endMs'>): number {
  if (heard.words === undefined) {
    const count = (text: string) => text.split(' ').filter(Boolean).length;
    return Math.max(0, count(heard.text) - count(spot.phrase));
  }
  return heard.words.filter((word) => {
    const middleMs = (word.startMs + word.endMs) / 2;
    return middleMs < spot.startMs || middleMs > spot.endMs;
  }).length;
}

/** The spot's phrase as words, its span shared out evenly (the search times the phrase only). */
export function spotWords(spot: Spot): WordTiming[] {
  const words = spot.phrase.split(' ').filter(Boolean);
  const eachMs = (spot.endMs - spot.startMs) / Math.max(1, words.length);
  return words.map((word, index) => ({
    word,
    startMs: Math.round(spot.startMs + index * eachMs),
    endMs: Math.round(spot.startMs + (index + 1) * eachMs),
  }));
}
