import { estimateDelay } from './delay-estimate.ts';

export interface DelayTrackerOptions {
  /** Envelope block length in ms (one level per block). */
  readonly blockMs: number;
  /** Longest echo path delay searched, in ms. */
  readonly maxDelayMs: number;
  /** Length of signal correlated at each update, in ms (at most). */
  readonly windowMs: number;
  /** Shortest signal correlated (the first estimates, before the window is full), in ms. */
  readonly minWindowMs: number;
  /** How often the estimate is updated, in ms of near-end audio. */
  readonly updateEveryMs: number;
  /** Lowest correlation accepted as an estimate. */
  readonly minCorrelation: number;
  /** A far-end block at or above this level (dBFS) counts as agent audio. */
  readonly farActiveDb: number;
  /** Share of the window that must hold agent audio before an update is tried. */
  readonly minFarActiveShare: number;
  /** A move larger than this (and the first estimate) needs two agreeing updates. */
  readonly jumpMs: number;
}

export const DEFAULT_DELAY_TRACKER: DelayTrackerOptions = {
  blockMs: 4,
  maxDelayMs: 600,
  windowMs: 2_000,
  minWindowMs: 800,
  updateEveryMs: 250,
  minCorrelation: 0.45,
  farActiveDb: -50,
  minFarActiveShare: 0.25,
  jumpMs: 30,
};

export interface DelayTracker {
  /** One envelope block: the far-end level (unshifted, near clock) and the near-end level, dB. */
  addBlock(farDb: number, nearDb: number): void;
  /**
   * Lays the far end of the newest `count` blocks again: `farDb(0)` is the newest block's
   * level, `farDb(1)` the one before. The far end is fed where the client plays it (its
   * playback seat), and a reply's first playback report moves that seat: the blocks fed before
   * it sat at the old seat, and the window then held the reply's start twice, at two lags.
   */
  relayFar(count: number, farDb: (blocksAgo: number) => number): void;
  /** The latest confident estimate in ms, or undefined before the first one. */
  readonly delayMs: number | undefined;
  /** Correlation of the latest confident estimate (0 before the first). */
  readonly correlation: number;
  /** How many estimates were accepted so far (tells the caller a new one arrived). */
  readonly estimates: number;
}

/**
 * Keeps the last window of both envelopes and re-estimates the echo path delay periodically
 * from the signals themselves (envelope cross-correlation); a drifting delay is followed.
 */
export function createDelayTracker(
  options: DelayTrackerOptions = DEFAULT_DELAY_TRACKER,
): DelayTracker {
  const maxLagBlocks = Math.ceil(options.maxDelayMs / options.blockMs);
  const length = maxLagBlocks + Math.ceil(options.windowMs / options.blockMs);
  const updateEveryBlocks = Math.max(1, Math.round(options.updateEveryMs / options.blockMs));
  const minFilled = maxLagBlocks + Math.ceil(options.minWindowMs / options.blockMs);
  const far = new Float64Array(length);
  const near = new Float64Array(length);
  let filled = 0;
  let sinceUpdate = 0;
  let delayMs: number | undefined;
  let correlation = 0;
  let accepted = 0;
  /** A jump (or the first estimate) is taken only when two updates in a row agree. */
  let candidateMs: number | undefined;

  function update(): void {
    const from = length - filled;
    let active = 0;
    for (let k = from; k < length; k++) if (far[k]! >= options.farActiveDb) active++;
    if (active < options.minFarActiveShare * filled) return;
    const estimate = estimateDelay(far.subarray(from), near.subarray(from), maxLagBlocks);
    if (estimate === undefined || estimate.correlation < options.minCorrelation) return;
    const estimateMs = estimate.lagBlocks * options.blockMs;
    const small = delayMs !== undefined && Math.abs(estimateMs - delayMs) <= options.jumpMs;
    const confirmed =
      candidateMs !== undefined && Math.abs(estimateMs - candidateMs) <= 2 * options.blockMs;
    candidateMs = estimateMs;
    if (!small && !confirmed) return;
    delayMs = estimateMs;
    correlation = estimate.correlation;
    accepted++;
  }

  return {
    addBlock(farDb, nearDb) {
      far.copyWithin(0, 1);
      near.copyWithin(0, 1);
      far[length - 1] = farDb;
      near[length - 1] = nearDb;
      filled = Math.min(length, filled + 1);
      sinceUpdate++;
      if (filled >= minFilled && sinceUpdate >= updateEveryBlocks) {
        sinceUpdate = 0;
        update();
      }
    },
    relayFar(count, farDb) {
      const blocks = Math.min(count, filled);
      for (let j = 0; j < blocks; j++) far[length - 1 - j] = farDb(j);
      // A candidate found on the old lay says nothing of the new one.
      if (blocks > 0) candidateMs = undefined;
    },
    get delayMs() {
      return delayMs;
    },
    get correlation() {
      return correlation;
    },
    get estimates() {
      return accepted;
    },
  };
}
