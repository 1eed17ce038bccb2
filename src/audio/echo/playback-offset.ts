/**
 * The delay the client's playback adds, from its playback reports (pure). Each report says how
 * far into the reply the client has played; its position on the far-end timeline against the
 * near-end position when the report arrives is the playback offset (buffering, underruns). The
 * median of the last few reports smooths their jitter.
 *
 * The signal tracker measures the whole echo delay; the part that is not playback (sound in the
 * room, capture) changes little, so when playback shifts (an underrun) the feed delay follows
 * the reports at once instead of waiting for the next signal estimate.
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
 * The echo delay to use now: the tracked delay moved by how much the playback offset changed
 * since the tracker's estimate; the playback offset alone before any estimate.
 */
export function echoDelayMs(
  trackedMs: number | undefined,
  offsetAtEstimateMs: number | undefined,
  offsetNowMs: number | undefined,
): number | undefined {
  if (trackedMs === undefined) return offsetNowMs;
  if (offsetAtEstimateMs === undefined || offsetNowMs === undefined) return trackedMs;
  return Math.max(0, trackedMs + offsetNowMs - offsetAtEstimateMs);
}
