import { loudFramesWithin, type Spot, type UtteranceLoudness } from './spots.ts';

/**
 * When spots of one kind that overlap one another stand together for an utterance that none of
 * them covers alone. Over the noise bed flite slt's "Hold on a second." is spotted as "hold on"
 * (its first 400 ms), "one sec" (the middle) and "hang on" (the "-cond"): each spans a third of
 * the loud frames, too little to be all that was said, but together they span nearly all of it.
 */
export interface SpotChainOptions {
  /**
   * Each spot of a chain scored at least this (engine log units). Lower than a lone spot's floor
   * (`SpottedOptions.minScore`): the others' agreement over the rest of the utterance is evidence
   * too.
   */
  readonly minScore: number;
  /** The chain holds at least this many spots… */
  readonly minSpots: number;
  /** …that together span at least this share of the loud frames… */
  readonly minCover: number;
  /** …each beginning before the one before it ends (overlapping: the search's spots of one phrase said). */
  readonly maxGapMs: number;
}

/** A run of overlapping spots of one kind: what it spans, and the spot it begins with. */
export interface SpotChain {
  readonly first: Spot;
  readonly startMs: number;
  readonly endMs: number;
  readonly spots: readonly Spot[];
}

/**
 * The chain of `ofKind` spots (each scored at least `minScore`, each overlapping the run before
 * it within `maxGapMs`) that spans the most loud frames, when it holds `minSpots` spots and spans
 * `minCover` of the loud frames; undefined otherwise. Its first spot is the earliest (the best
 * scored of those beginning together): what the person began by saying.
 */
export function spotChain(
  spots: readonly Spot[],
  loudness: UtteranceLoudness,
  options: SpotChainOptions,
  ofKind: (phrase: string) => boolean,
): SpotChain | undefined {
  const loudTotal = loudness.loud.filter(Boolean).length;
  if (loudTotal === 0) return undefined;
  const members = spots
    .filter((spot) => spot.score >= options.minScore && ofKind(spot.phrase))
    .sort((a, b) => a.startMs - b.startMs || b.score - a.score);
  let best: SpotChain | undefined;
  let bestLoud = 0;
  let run: Spot[] = [];
  let runEndMs = -Infinity;
  const close = () => {
    const first = run[0];
    if (!first || run.length < options.minSpots) return;
    const chain = { first, startMs: first.startMs, endMs: runEndMs, spots: run };
    const loud = loudFramesWithin(chain, loudness);
    if (loud > bestLoud) [best, bestLoud] = [chain, loud];
  };
  for (const spot of members) {
    if (spot.startMs > runEndMs + options.maxGapMs) {
      close();
      run = [];
    }
    run.push(spot);
    runEndMs = Math.max(runEndMs, spot.endMs);
  }
  close();
  return bestLoud / loudTotal >= options.minCover ? best : undefined;
}
