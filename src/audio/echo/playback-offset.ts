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
