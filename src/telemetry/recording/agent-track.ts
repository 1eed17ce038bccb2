/** One paced frame of agent audio: where it sits in the turn's audio, and its samples. */
export interface AgentFrame {
  readonly offsetMs: number;
  readonly samples: Int16Array;
  readonly sampleRate: number;
}

/** A turn's agent audio as the session sent it, with pauses and the cut, on the session clock. */
export interface AgentTurnAudio {
  /** When playback of the turn began (its `agent.audio.start`). */
  readonly startedAtMs: number;
  readonly frames: AgentFrame[];
  /** Playback paused at `atMs` (the barge-in's first moment), resumed at `resumedAtMs` if it did. */
  readonly pauses: { readonly atMs: number; resumedAtMs?: number }[];
  /** The interrupt: the client flushed everything not yet played at this moment. */
  cutAtMs?: number;
}

/** Where a frame's samples land in the recording, in ms on the session clock, and how many play. */
export interface Placement {
  readonly atMs: number;
  readonly samples: Int16Array;
  readonly sampleRate: number;
}

/**
 * What the caller actually heard of one turn: each frame placed where it played (shifted by
 * the pauses before it) and trimmed at the cut. A pause the reply never resumed from ends
 * playback where it began; an interrupt during a pause cuts there too.
 */
export function placeAgentAudio(turn: AgentTurnAudio): Placement[] {
  // Pause positions in the turn's own audio time (offsetMs), and their wall-clock lengths.
  let pausedSoFarMs = 0;
  let cutOffsetMs = Number.POSITIVE_INFINITY;
  const shifts: { readonly fromOffsetMs: number; readonly byMs: number }[] = [];
  for (const pause of [...turn.pauses].sort((a, b) => a.atMs - b.atMs)) {
    const offsetMs = pause.atMs - turn.startedAtMs - pausedSoFarMs;
    const cutDuringPause =
      turn.cutAtMs !== undefined &&
      turn.cutAtMs >= pause.atMs &&
      (pause.resumedAtMs === undefined || turn.cutAtMs <= pause.resumedAtMs);
    if (pause.resumedAtMs === undefined || cutDuringPause) {
      cutOffsetMs = Math.min(cutOffsetMs, offsetMs);
      break;
    }
    const byMs = pause.resumedAtMs - pause.atMs;
    shifts.push({ fromOffsetMs: offsetMs, byMs });
    pausedSoFarMs += byMs;
  }
  if (turn.cutAtMs !== undefined) {
    cutOffsetMs = Math.min(cutOffsetMs, turn.cutAtMs - turn.startedAtMs - pausedSoFarMs);
  }
  const placements: Placement[] = [];
  for (const frame of turn.frames) {
    if (frame.offsetMs >= cutOffsetMs) continue;
    const playable = Math.round(((cutOffsetMs - frame.offsetMs) * frame.sampleRate) / 1000);
    const samples =
      playable < frame.samples.length ? frame.samples.subarray(0, playable) : frame.samples;
    const shiftMs = shifts
      .filter((s) => s.fromOffsetMs <= frame.offsetMs)
      .reduce((sum, s) => sum + s.byMs, 0);
    placements.push({
      atMs: turn.startedAtMs + frame.offsetMs + shiftMs,
      samples,
      sampleRate: frame.sampleRate,
    });
  }
  return placements;
}
