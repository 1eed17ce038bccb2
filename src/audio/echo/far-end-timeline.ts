/**
 * The agent audio sent, laid on the near-end (microphone) sample clock. A chunk sent while
 * earlier audio is still queued follows it; a chunk sent after a gap starts at the current
 * near-end position. Reads outside what was written (or before a reset) are silence.
 * Segments remember where each part of the current reply sits, so a playback report
 * ("ms of this reply played") maps to a near-end position.
 */
export interface FarEndTimeline {
  /** Appends far-end samples (already at the near-end rate); `nowPosition` is the near clock. */
  write(samples: Int16Array, nowPosition: number): void;
  /** Copies far-end samples at near-clock positions [from, from + out.length) into `out`. */
  read(from: number, out: Int16Array): void;
  /**
   * Near-clock position of `playedSamples` into the current reply, if it was written, or lies
   * up to `beyondSamples` past the end (sent audio a resampler still holds: it follows the end).
   */
  positionOfPlayed(playedSamples: number, beyondSamples?: number): number | undefined;
  /** Drops audio at or after `nowPosition` (not played yet) and starts a new reply. */
  truncate(nowPosition: number): void;
  /** One past the last written position. */
  readonly end: number;
  /** Samples written since the current reply began. */
  readonly replySamples: number;
}

interface Segment {
  readonly replyOffset: number;
  readonly position: number;
}

/**
 * `newReplyGapSamples`: audio sent after the far end has been dry this long starts a new
 * reply (playback reports count from its start).
 */
export function createFarEndTimeline(
  capacitySamples: number,
  newReplyGapSamples = Number.POSITIVE_INFINITY,
): FarEndTimeline {
  const ring = new Int16Array(capacitySamples);
  let end = 0;
  /** Positions below this read as silence (truncated or overwritten). */
  let floor = 0;
  let replySamples = 0;
  let segments: Segment[] = [];

  function put(position: number, value: number): void {
    ring[position % capacitySamples] = value;
  }

  return {
    write(samples, nowPosition) {
      if (samples.length === 0) return;
      if (end < nowPosition) {
        if (nowPosition - end >= newReplyGapSamples) {
          replySamples = 0;
          segments = [];
        }
        for (let p = end; p < nowPosition && p < end + capacitySamples; p++) put(p, 0);
        end = nowPosition;
      }
      const last = segments[segments.length - 1];
      if (last === undefined || last.position + (replySamples - last.replyOffset) !== end) {
        segments.push({ replyOffset: replySamples, position: end });
        if (segments.length > 64) segments = segments.slice(-32);
      }
      for (let i = 0; i < samples.length; i++) put(end + i, samples[i]!);
      end += samples.length;
      replySamples += samples.length;
      floor = Math.max(floor, end - capacitySamples);
    },
    read(from, out) {
      for (let i = 0; i < out.length; i++) {
        const p = from + i;
        out[i] = p >= floor && p < end && p >= 0 ? ring[p % capacitySamples]! : 0;
      }
    },
    positionOfPlayed(playedSamples, beyondSamples = 0) {
      for (let s = segments.length - 1; s >= 0; s--) {
        const segment = segments[s]!;
        if (playedSamples >= segment.replyOffset) {
          const position = segment.position + (playedSamples - segment.replyOffset);
          return position <= end + beyondSamples ? position : undefined;
        }
      }
      return undefined;
    },
    truncate(nowPosition) {
      if (end > nowPosition) end = Math.max(nowPosition, floor);
      replySamples = 0;
      segments = [];
    },
    get end() {
      return end;
    },
    get replySamples() {
      return replySamples;
    },
  };
}
