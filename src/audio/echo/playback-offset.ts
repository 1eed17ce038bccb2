import type { FarEndTimeline } from './far-end-timeline.ts';

/**
 * The delay the client's playback adds, from its playback reports (pure). Each report says how
 * far into the reply the client has played; its position on the far-end timeline against the
 * near-end position when the report arrives is the playback offset (buffering, underruns). The
 * median of the last few reports smooths their jitter.
 *
 * The signal tracker then measures only the rest of the path (sound in the room, capture),
 * which changes little; when playback shifts (an underrun, a server stall) the feed delay
 * follows the reports at once instead of waiting for the next signal estimate.
 */
export interface PlaybackOffset {
  /** One report's offset in ms. */
  add(offsetMs: number): void;
  /** Median of the recent reports, or undefined before any. */
  readonly currentMs: number | undefined;
  /** Forgets the reports (a new reply, or the agent stopped). */
  clear(): void;
}

export function createPlaybackOffset(keep = 5): PlaybackOffset {
  let recent: number[] = [];
  return {
    add(offsetMs) {
      recent = [...recent, offsetMs].slice(-keep);
    },
    get currentMs() {
      if (recent.length === 0) return undefined;
      const sorted = [...recent].sort((a, b) => a - b);
      return sorted[Math.floor(sorted.length / 2)];
    },
    clear() {
      recent = [];
    },
  };
}

/**
 * The whole echo delay: the playback delay from the reports plus the rest of the path the
 * signal tracker measured behind it; either alone when the other is unknown.
 */
export function echoDelayMs(
  trackedMs: number | undefined,
  playbackMs: number | undefined,
): number | undefined {
  if (trackedMs === undefined) return playbackMs;
  return trackedMs + (playbackMs ?? 0);
}

/**
 * What seats a reply so far: nothing yet (the last reply's seat holds), a report that the
 * client had played all that was sent, or one from inside what was sent.
 */
export type SeatSource = 'none' | 'bound' | 'exact';

export interface SeatReport {
  /** The near clock now against where the reported sample was laid, ms. */
  readonly offsetMs: number;
  /**
   * The client had played all that was sent (to within a frame). It may have waited since for
   * more, so the offset is the most its playback lags, not the lag; a client that plays audio
   * on receipt (no playback buffer) reports only such, and for it the offset is the lag.
   */
  readonly atEnd: boolean;
}

/**
 * A report ahead of the near clock by up to this much, ms, is taken for a lag of 0; further
 * ahead it cannot be this reply's count and is refused.
 */
export const MAX_AHEAD_MS = 40;

/**
 * The seat one playback report gives a reply (pure), or undefined to keep the one it has. A
 * report from inside what was sent seats it exactly, once. A report at the end of it bounds
 * the lag: it seats a reply not yet seated (never the last reply's seat, which may lie far
 * above the bound: 120 ms kept for a reply played on receipt, traced through the WebSocket),
 * and each lower bound after it moves the seat down, by at least `minMoveMs`.
 */
export function seatFromReport(
  source: SeatSource,
  seatMs: number | undefined,
  report: SeatReport,
  minMoveMs: number,
): { readonly seatMs: number; readonly source: SeatSource } | undefined {
  const { offsetMs } = report;
  if (source === 'exact' || offsetMs < -MAX_AHEAD_MS) return undefined;
  if (!report.atEnd && offsetMs >= 0) return { seatMs: offsetMs, source: 'exact' };
  const boundMs = Math.max(0, offsetMs);
  if (source === 'none' || seatMs === undefined || boundMs <= seatMs - minMoveMs)
    return { seatMs: boundMs, source: 'bound' };
  return undefined;
}

export interface ReportContext {
  readonly timeline: FarEndTimeline;
  /** Samples sent but still held by the far end's resampler (they follow the timeline's end). */
  readonly heldSamples: number;
  readonly nearPosition: number;
  readonly frameSamples: number;
  readonly samplesPerMs: number;
}

/**
 * A playback report (`playedSamples` into the reply) read against the far-end timeline (pure
 * but for reading it): its offset, and whether it says all that was sent had played (to
 * within a frame). Undefined when it cannot be this reply's (beyond what was sent, or further
 * ahead of the near clock than MAX_AHEAD_MS).
 */
export function readReport(context: ReportContext, playedSamples: number): SeatReport | undefined {
  const { timeline, heldSamples } = context;
  const atEnd = playedSamples >= timeline.replySamples + heldSamples - context.frameSamples;
  const position = timeline.positionOfPlayed(playedSamples, heldSamples);
  if (position === undefined) return undefined;
  const offsetMs = (context.nearPosition - position) / context.samplesPerMs;
  return offsetMs < -MAX_AHEAD_MS ? undefined : { offsetMs, atEnd };
}
