/**
 * The own-voice decision (pure): is a speech onset heard while the agent talks the agent's
 * own echo? The runner records each microphone chunk's echoShare on the input audio clock;
 * an onset whose chunks (from the onset to the VAD's report) are mostly echo is own voice.
 */
export const OWN_VOICE_THRESHOLD = 0.5;

interface ShareRecord {
  readonly startMs: number;
  readonly endMs: number;
  readonly share: number;
  readonly agentPlaying: boolean;
}

export interface ShareHistory {
  /**
   * One microphone chunk: where it sits on the input audio clock, its echoShare, and whether
   * the agent's echo could be in it (the agent playing, or just stopped).
   */
  record(startMs: number, endMs: number, share: number, agentPlaying?: boolean): void;
  /** Whether the agent's echo could be in the audio at `atMs` (on the input audio clock). */
  agentPlayingAt(atMs: number): boolean;
  /** Duration-weighted mean share of the chunks overlapping [fromMs, toMs]; undefined if none. */
  meanShare(fromMs: number, toMs: number): number | undefined;
}

export function createShareHistory(keepMs = 5_000): ShareHistory {
  let records: ShareRecord[] = [];
  return {
    record(startMs, endMs, share, agentPlaying = false) {
      records.push({ startMs, endMs, share, agentPlaying });
      if (records.length > 64 && records[0]!.endMs < endMs - keepMs)
        records = records.filter((r) => r.endMs >= endMs - keepMs);
    },
    agentPlayingAt(atMs) {
      for (let i = records.length - 1; i >= 0; i--) {
        const r = records[i]!;
        if (r.startMs <= atMs) return r.agentPlaying || (records[i + 1]?.agentPlaying ?? false);
      }
      return false;
    },
    meanShare(fromMs, toMs) {
      let weighted = 0;
      let total = 0;
      for (const r of records) {
        const overlapMs = Math.min(r.endMs, toMs) - Math.max(r.startMs, fromMs);
        if (overlapMs <= 0) continue;
        weighted += r.share * overlapMs;
        total += overlapMs;
      }
      return total === 0 ? undefined : weighted / total;
    },
  };
}

/**
 * An onset is the agent's own voice when the mean share from `onsetMs` to `reportedMs` (at
 * least `minWindowMs` of audio, reaching back before the onset when the VAD was quick) is at
 * or above the threshold.
 */
export function isOwnVoiceOnset(
  history: ShareHistory,
  onsetMs: number,
  reportedMs: number,
  threshold = OWN_VOICE_THRESHOLD,
  minWindowMs = 100,
): boolean {
  const fromMs = Math.min(onsetMs, reportedMs - minWindowMs);
  const share = history.meanShare(fromMs, reportedMs);
  return share !== undefined && share >= threshold;
}

/** The audio judged for a take-over: the last this many ms. */
export const TAKE_OVER_WINDOW_MS = 200;
/** Mean share below which the last window is the user's voice, not echo. */
export const TAKE_OVER_THRESHOLD = 0.15;

/**
 * Inside a VAD segment judged echo, a person has taken over when the last
 * TAKE_OVER_WINDOW_MS of audio (up to `nowMs`) is mostly not echo.
 */
export function userTookOver(history: ShareHistory, nowMs: number): boolean {
  const share = history.meanShare(nowMs - TAKE_OVER_WINDOW_MS, nowMs);
  return share !== undefined && share < TAKE_OVER_THRESHOLD;
}
