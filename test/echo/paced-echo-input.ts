/**
 * The session's echo stage (`createEchoInput`) around a canceller, driven by the paced replies
 * (paced-replies.ts) as the session drives it: each reply's first frame starts a reply, the
 * far-end reset ends it, and each microphone chunk goes through the stage on the microphone
 * clock. A VAD onset can be reported at a given point of a reply, `reportAfterMs` after it
 * (the VAD's delay); the stage's verdict and any take-over it reports later are kept.
 */
import { createEchoInput } from '../../src/conversation/echo-input.ts';
import type { AudioChunk } from '../../src/spec/audio.ts';
import type { EchoCanceller } from '../../src/spec/echo.ts';

export interface PacedOnset {
  /** Which reply (0-based) and how far into it (ms after its first frame was sent). */
  readonly reply: number;
  readonly atMs: number;
  readonly reportAfterMs: number;
}

export interface PacedEchoInput {
  /** Pass this to runPacedReplies. */
  readonly canceller: EchoCanceller;
  /** The onset's verdict: true when it was taken for the agent's own voice. */
  readonly ownVoice: boolean | undefined;
  /** Where the onset was on the microphone clock, ms (once its reply began). */
  readonly onsetMs: number | undefined;
  /** Microphone ms at which each take-over was reported. */
  readonly takeOversMs: readonly number[];
}

export function pacedEchoInput(canceller: EchoCanceller, onset?: PacedOnset): PacedEchoInput {
  const input = createEchoInput(canceller);
  let micMs = 0;
  let reply = -1;
  let inReply = false;
  let onsetMs: number | undefined;
  let ownVoice: boolean | undefined;
  const takeOversMs: number[] = [];

  const wrapped: EchoCanceller = {
    pushFarEnd(chunk: AudioChunk) {
      if (!inReply) {
        inReply = true;
        reply++;
        input.replyStarted();
        if (onset?.reply === reply) onsetMs = micMs + onset.atMs;
      }
      input.farEnd(chunk, micMs);
      canceller.pushFarEnd(chunk);
    },
    notePlayback(playedMs: number) {
      canceller.notePlayback?.(playedMs);
    },
    processNearEnd(chunk: AudioChunk) {
      const result = input.near(chunk, micMs, micMs);
      micMs += (chunk.samples.length * 1000) / chunk.sampleRate;
      if (result.takeOver !== undefined) takeOversMs.push(micMs);
      if (
        onset !== undefined &&
        onsetMs !== undefined &&
        ownVoice === undefined &&
        micMs >= onsetMs + onset.reportAfterMs
      )
        ownVoice = input.speechStart(onsetMs, micMs).ownVoice;
      return { cleaned: result.cleaned, echoShare: result.echoShare };
    },
    resetFarEnd() {
      inReply = false;
      input.replyEnded();
      canceller.resetFarEnd();
    },
    close() {
      canceller.close();
    },
  };
  return {
    canceller: wrapped,
    get ownVoice() {
      return ownVoice;
    },
    get onsetMs() {
      return onsetMs;
    },
    takeOversMs,
  };
}

/**
 * How long after the onset the person was heard: at once when the onset was not taken for the
 * agent's voice (the VAD's delay, `vadDelayMs`), else when a take-over was reported (infinite
 * when none was).
 */
export function heardAfterMs(stage: PacedEchoInput, vadDelayMs: number): number {
  if (stage.ownVoice === false) return vadDelayMs;
  return (stage.takeOversMs[0] ?? Number.POSITIVE_INFINITY) - stage.onsetMs!;
}
