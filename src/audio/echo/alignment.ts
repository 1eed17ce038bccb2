/**
 * How far back the far end is fed to the adaptive filter (pure). The filter models echo that
 * lags the fed reference by 0..filterMs, so the feed delay sits `marginMs` below the
 * estimated echo delay; it moves only when the estimate moves by more than `hysteresisMs`
 * (every move costs the filter some re-adaptation).
 */
export interface FeedDelayInput {
  readonly currentMs: number;
  /** The echo delay from the signals and playback reports, when known. */
  readonly estimateMs: number | undefined;
  readonly marginMs: number;
  readonly hysteresisMs: number;
}

export function chooseFeedDelayMs(input: FeedDelayInput): number {
  if (input.estimateMs === undefined) return input.currentMs;
  const target = Math.max(0, input.estimateMs - input.marginMs);
  return Math.abs(target - input.currentMs) > input.hysteresisMs ? target : input.currentMs;
}
