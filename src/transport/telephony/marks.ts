/**
 * Playback marks: names for positions in the agent's outgoing audio. A peer that plays audio
 * from a buffer (Twilio, Telnyx) echoes each mark when the audio before it has played, which
 * tells the session how much of a turn the caller really heard.
 */
export interface PlaybackMark {
  readonly turnId: number;
  readonly playedMs: number;
}

const PREFIX = 'parley';

export function markName(mark: PlaybackMark): string {
  return `${PREFIX}:${mark.turnId}:${Math.round(mark.playedMs)}`;
}

/** Parses a mark this runner named; anything else (another app's mark) is undefined. */
export function parseMarkName(name: string): PlaybackMark | undefined {
  const match = /^parley:(\d{1,9}):(\d{1,9})$/.exec(name);
  if (!match) return undefined;
  return { turnId: Number(match[1]), playedMs: Number(match[2]) };
}
