/**
 * How far back the far end is fed to the adaptive filter (pure). The filter models echo that
 * lags the fed reference by 0..filterMs, so the feed delay sits `marginMs` below the
 * estimated path delay; it moves only when the estimate moves by more than `hysteresisMs`
 * (every move costs the filter some re-adaptation).
 */
export interface FeedDelayInput {
  readonly currentMs: number;
  /** From the signals (delay tracker), when it has a confident estimate. */
  readonly trackedMs: number | undefined;
  /** From the client's playback reports, when there are any. */
  readonly playbackMs: number | undefined;
  readonly marginMs: number;
  readonly hysteresisMs: number;
}

export function chooseFeedDelayMs(input: FeedDelayInput): number {
  const estimate = input.trackedMs ?? input.playbackMs;
  if (estimate === undefined) return input.currentMs;
  const target = Math.max(0, estimate - input.marginMs);
  return Math.abs(target - input.currentMs) > input.hysteresisMs ? target : input.currentMs;
}
