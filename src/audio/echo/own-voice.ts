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
  /** What the canceller left of the chunk: mean square over full scale squared. */
  readonly power: number;
}

export interface ShareHistory {
  /**
   * One microphone chunk: where it sits on the input audio clock, its echoShare, whether the
   * agent's echo could be in it (the agent playing, or just stopped), and what the canceller
   * left of it (mean square over full scale squared; chunks without it weigh alike).
   */
  record(
    startMs: number,
    endMs: number,
    share: number,
    agentPlaying?: boolean,
    power?: number,
  ): void;
  /** Whether the agent's echo could be in the audio at `atMs` (on the input audio clock). */
  agentPlayingAt(atMs: number): boolean;
  /** Duration-weighted mean share of the chunks overlapping [fromMs, toMs]; undefined if none. */
  meanShare(fromMs: number, toMs: number): number | undefined;
  /**
   * The share of what the canceller left in [fromMs, toMs] that is echo: chunk shares weighted
   * by their duration there and their power (as a chunk's share weighs its frames); undefined
   * if no chunk overlaps or none holds anything.
   */
  energyShare(fromMs: number, toMs: number): number | undefined;
}

export function createShareHistory(keepMs = 5_000): ShareHistory {
  let records: ShareRecord[] = [];
  return {
    record(startMs, endMs, share, agentPlaying = false, power = 1) {
      records.push({ startMs, endMs, share, agentPlaying, power });
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
      return weightedShare(records, fromMs, toMs, () => 1);
    },
    energyShare(fromMs, toMs) {
      return weightedShare(records, fromMs, toMs, (r) => r.power);
    },
  };
}

function weightedShare(
  records: readonly ShareRecord[],
  fromMs: number,
  toMs: number,
  weight: (record: ShareRecord) => number,
): number | undefined {
  let weighted = 0;
  let total = 0;
  for (const r of records) {
    const overlapMs = Math.min(r.endMs, toMs) - Math.max(r.startMs, fromMs);
    if (overlapMs <= 0) continue;
    weighted += r.share * overlapMs * weight(r);
    total += overlapMs * weight(r);
  }
  return total === 0 ? undefined : weighted / total;
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
/** Share of the last window's residual energy below which it is the user's voice, not echo. */
export const TAKE_OVER_THRESHOLD = 0.15;
/** ...and its mean share over time must be below this too: not one loud chunk misread. */
export const TAKE_OVER_MEAN_MAX = 0.5;

/**
 * Inside a VAD segment judged echo, a person has taken over when what the canceller left in
 * the last TAKE_OVER_WINDOW_MS of audio (up to `nowMs`) is mostly not echo: by time, or by its
 * energy when not one loud chunk alone reads low (by time, below TAKE_OVER_MEAN_MAX). The
 * person's syllables carry the energy while the echo between them reads as echo: by time
 * alone, people over a first reply's answer were heard 316-386 ms after their onset, by energy
 * too 226-266 (test/echo/barge-in-gaps.test.ts); from 1500 ms into a first reply, median 340
 * -> 260 ms (first-reply-talker.test.ts). Echo alone: no take-over in any echo test.
 */
export function userTookOver(history: ShareHistory, nowMs: number): boolean {
  const fromMs = nowMs - TAKE_OVER_WINDOW_MS;
  const share = history.energyShare(fromMs, nowMs);
  const meanShare = history.meanShare(fromMs, nowMs);
  if (share === undefined || meanShare === undefined) return false;
  return (
    meanShare < TAKE_OVER_THRESHOLD ||
    (share < TAKE_OVER_THRESHOLD && meanShare < TAKE_OVER_MEAN_MAX)
  );
}
