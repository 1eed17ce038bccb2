import {
  createShareHistory,
  isOwnVoiceOnset,
  TAKE_OVER_WINDOW_MS,
  userTookOver,
} from '../audio/echo/own-voice.ts';
import { createEchoSttGate } from '../audio/echo/stt-gate.ts';
import type { AudioChunk } from '../spec/audio.ts';
import type { EchoCanceller } from '../spec/echo.ts';

/** How long after the agent's last frame was sent its echo may still come back, ms. */
export const ECHO_TAIL_MS = 1_000;
/**
 * A take-over is looked for only once this much of the reply has been sent: the canceller
 * relearns the path at each new reply, and its early residual looks like a person.
 */
export const TAKE_OVER_AFTER_MS = 500;
/** How much audio after the VAD's onset (at most) judges whether it is the agent's voice. */
const ONSET_JUDGE_MS = 200;

/** One microphone chunk through the echo stage. */
export interface EchoInputChunk {
  /** The cleaned chunk: what the VAD hears. */
  readonly cleaned: AudioChunk;
  /**
   * What the STT hears instead: the cleaned chunk; digital silence of the same length while
   * only the agent's echo can be in it (so the recogniser's clock and its end of speech go
   * on, but echo never becomes words); or the pre-roll before a person's onset, then the chunk.
   */
  readonly stt: readonly AudioChunk[];
  /** 0..1 echo in what is left after cancellation. */
  readonly echoShare: number;
  /**
   * A person started talking inside a stretch of speech the VAD opened on the agent's echo
   * (the VAD reports no second onset): where, in input audio ms, and the share there.
   */
  readonly takeOver?: { readonly atMs: number; readonly echoShare: number };
}

/**
 * The session's echo stage on the input path (the runner around the pure decisions of
 * `src/audio/echo`): each microphone chunk goes through the canceller, its echo share is kept
 * on the input audio clock, and
 * - a VAD onset whose audio is mostly the agent's own echo is the agent's voice: the
 *   conversation never hears of that stretch (no pause, no user turn);
 * - while the agent's echo may be in the microphone and no person has been heard, the STT
 *   gets silence, so echo never becomes words that confirm an interruption; when a person's
 *   onset is accepted, the STT gets the audio from just before it (the pre-roll) first;
 * - inside a stretch judged echo, a person taking over (the residual turning mostly
 *   not-echo) is reported as an onset, since the VAD will not report one.
 * Everything is judged on the input audio clock, so a VAD running late changes nothing.
 */
export interface EchoInput {
  /** One microphone chunk starting at `startMs` of input audio; `nowMs` on the session clock. */
  near(chunk: AudioChunk, startMs: number, nowMs: number): EchoInputChunk;
  /**
   * The VAD's onset at `atMs` (input audio ms), reported when `receivedMs` had arrived:
   * `ownVoice` drops it; otherwise `stt` is the pre-roll to send the STT now.
   */
  speechStart(atMs: number, receivedMs: number): EchoOnsetVerdict;
  /** The VAD's end of speech: true when it ends a stretch of the agent's own voice (drop it). */
  speechEnd(): boolean;
  /** An agent audio frame was sent at `nowMs` (also the canceller's far end). */
  farEnd(chunk: AudioChunk, nowMs: number): void;
  /** A reply's first frame is about to be sent. */
  replyStarted(): void;
  /** The reply ended (or was stopped): no take-over is looked for until the next one. */
  replyEnded(): void;
}

export type EchoOnsetVerdict =
  { readonly ownVoice: true } | { readonly ownVoice: false; readonly stt: readonly AudioChunk[] };

export function createEchoInput(canceller: EchoCanceller): EchoInput {
  const history = createShareHistory();
  const gate = createEchoSttGate();
  let lastFrameAtMs = Number.NEGATIVE_INFINITY;
  /** ms of the current reply sent; undefined between replies. */
  let replySentMs: number | undefined;
  /** The VAD's current stretch of speech was judged the agent's own voice. */
  let echoStretch = false;

  return {
    near(chunk, startMs, nowMs) {
      const result = canceller.processNearEnd(chunk);
      const durationMs = (chunk.samples.length * 1000) / chunk.sampleRate;
      const endMs = startMs + durationMs;
      const echoPossible = nowMs - lastFrameAtMs < ECHO_TAIL_MS;
      history.record(startMs, endMs, result.echoShare, echoPossible);
      const passed = gate.push(result.cleaned, startMs, echoPossible);
      const base = { cleaned: result.cleaned, echoShare: result.echoShare };
      const settled = replySentMs !== undefined && replySentMs > TAKE_OVER_AFTER_MS;
      if (!echoStretch || !settled || !userTookOver(history, endMs)) {
        return { ...base, stt: passed.length > 0 ? passed : [silenceLike(result.cleaned)] };
      }
      echoStretch = false;
      const atMs = endMs - TAKE_OVER_WINDOW_MS;
      const echoShare = history.meanShare(atMs, endMs) ?? 0;
      // A chunk the gate held is in the pre-roll it now releases; one it passed follows it.
      return { ...base, stt: [...gate.open(atMs), ...passed], takeOver: { atMs, echoShare } };
    },
    speechStart(atMs, receivedMs) {
      const judgedUntilMs = Math.min(receivedMs, atMs + ONSET_JUDGE_MS);
      echoStretch = history.agentPlayingAt(atMs) && isOwnVoiceOnset(history, atMs, judgedUntilMs);
      return echoStretch ? { ownVoice: true } : { ownVoice: false, stt: gate.open(atMs) };
    },
    speechEnd() {
      if (echoStretch) {
        echoStretch = false;
        return true;
      }
      gate.shut();
      return false;
    },
    farEnd(chunk, nowMs) {
      lastFrameAtMs = nowMs;
      if (replySentMs !== undefined)
        replySentMs += (chunk.samples.length * 1000) / chunk.sampleRate;
    },
    replyStarted() {
      replySentMs = 0;
    },
    replyEnded() {
      replySentMs = undefined;
    },
  };
}

function silenceLike(chunk: AudioChunk): AudioChunk {
  return { samples: new Int16Array(chunk.samples.length), sampleRate: chunk.sampleRate };
}
