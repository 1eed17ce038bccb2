import type { AudioChunk } from './audio.ts';

/** What an echo canceller says about one microphone (near-end) chunk. */
export interface EchoFrameResult {
  /** The microphone audio with the agent's echo removed: same rate and length as the input. */
  readonly cleaned: AudioChunk;
  /**
   * 0..1: how much of what remains is the agent's own voice. 1 = all echo, 0 = none (or no
   * agent audio playing). Turn-taking policy reads it to keep echo from pausing the agent.
   */
  readonly echoShare: number;
  /**
   * true when the share was assumed, not measured: the canceller does not yet know where the
   * echo lies (its delay, or where this reply plays) and counts everything as echo, a person
   * too. An onset judged on an assumed share is worth judging again once it is measured.
   */
  readonly shareAssumed?: boolean;
  /**
   * true when the share was read by a cue that follows a person's onset only after a while
   * (the envelope coherence, over a 200 ms window, while the canceller has not yet learnt the
   * room's levels): an onset judged on it is worth judging again as the window fills.
   */
  readonly shareLagsOnset?: boolean;
}

/**
 * Server-side acoustic echo cancellation for one session's input. The session feeds it the
 * agent audio it sent (the far-end reference) and the client's playback reports, and runs
 * every microphone chunk through `processNearEnd` before VAD and STT.
 */
export interface EchoCanceller {
  /** Agent audio sent to the client, in send order, at its own rate. */
  pushFarEnd(chunk: AudioChunk): void;
  /** The client's playback report: ms of the current reply's audio it has played so far. */
  notePlayback?(playedMs: number): void;
  /** Removes echo from one microphone chunk. */
  processNearEnd(chunk: AudioChunk): EchoFrameResult;
  /** Forgets far-end audio not yet played (the agent stopped: interrupt or end of reply). */
  resetFarEnd(): void;
  close(): void;
}
