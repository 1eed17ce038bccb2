/**
 * Whether the adaptive filter fits a reply's new playback seat (pure). Once the filter's
 * history of the reference holds none of the old seat (its length past the seat), a seat
 * reported to the µs fits at once: the reference is read between samples where the reply
 * plays, and what the filter leaves of the echo is what it left before. A client reporting
 * whole ms leaves a seat up to half a ms off, and the filter converges again for up to a second
 * (test/echo/reply-offsets.test.ts): what it leaves rises meanwhile. So a seat is trusted after
 * the filter's length when what the filter leaves, learnt on echo since the seat, has not risen
 * above what it left before, and after `maxFrames` whatever it leaves.
 *
 * Trusted only after `maxFrames` (1.05 s), a person talking over a reply's start was heard
 * 0.9-1.6 s after their first sound (reply-offsets.test.ts, "still hear a person ...").
 */
export interface SeatFitInput {
  /** 10 ms frames since the seat, the filter's length in frames, and the most to wait. */
  readonly framesSinceSeat: number;
  readonly filterFrames: number;
  readonly maxFrames: number;
  /** Frames since the seat on which the share learnt what the filter leaves (echo alone). */
  readonly learntFrames: number;
  /** What the filter leaves of the far end now and at the seat, dB (undefined before learnt). */
  readonly residualDb: number | undefined;
  readonly residualAtSeatDb: number | undefined;
}

/** Learnt on this many echo frames since the seat, what the filter leaves says it fits. */
export const MIN_LEARNT_FRAMES = 15;
/** What the filter leaves may rise this much over what it left before the seat, dB. */
export const FIT_MARGIN_DB = 3;

export function seatFits(input: SeatFitInput): boolean {
  if (input.framesSinceSeat >= input.maxFrames) return true;
  if (input.framesSinceSeat < input.filterFrames) return false;
  const { residualDb, residualAtSeatDb } = input;
  if (residualDb === undefined || residualAtSeatDb === undefined) return false;
  return input.learntFrames >= MIN_LEARNT_FRAMES && residualDb <= residualAtSeatDb + FIT_MARGIN_DB;
}
