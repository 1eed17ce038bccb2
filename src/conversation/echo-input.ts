import {
  createShareHistory,
  isOwnVoiceOnset,
  OWN_VOICE_THRESHOLD,
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
/**
 * An onset taken for the agent's voice in the first TAKE_OVER_AFTER_MS of its reply is judged
 * again, as an onset is (the last REJUDGE_WINDOW_MS against OWN_VOICE_THRESHOLD), on
 * each chunk from then until this much of the reply was sent: at a reply's start the canceller
 * may not yet know where this reply plays and then counts everything as echo, a person too
 * (test/echo/reply-offsets.test.ts). Past it, only a take-over's stricter test applies. The
 * judgement waits for TAKE_OVER_AFTER_MS of the reply, as a take-over does. Not in the first
 * reply: the canceller has learnt nothing of the room yet, and judged again there the echo
 * read as a person (test/echo/session-lockstep.test.ts, 2 onsets in 10 replies); there only
 * an onset judged on a share the canceller assumed is judged again (FIRST_REPLY_REJUDGE_MS).
 */
export const REJUDGE_UNTIL_MS = 2_500;
/**
 * In a session's first reply, an onset taken for the agent's voice while the canceller only
 * assumed the share (it did not yet know where the echo lies, so it counted a person as echo)
 * is judged again, as above, for this long once the share is measured (input audio ms).
 * A person 0.3-1.5 s into a first reply played with no lag, heard within 1 s: 10 of 18 before,
 * 16 of 18 after; the echo alone of first replies played 0-480 ms late never taken for a
 * person, lowest 200 ms mean 0.58 (test/echo/first-reply-talker.test.ts).
 */
export const FIRST_REPLY_REJUDGE_MS = 1_000;
/** ...on the last this much audio, ms: the canceller's first measured shares swing. */
export const FIRST_REPLY_WINDOW_MS = 200;
/** The shortest window an onset is judged on (own-voice.ts), ms. */
const REJUDGE_WINDOW_MS = 100;

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
  /** ...at its reply's start: it is judged again once the reply is settled. */
  let rejudge = false;
  /** Replies started so far. */
  let replies = 0;
  /** Input audio ms since which every chunk's share was measured, not assumed. */
  let measuredFromMs: number | undefined;
  /** The onset was judged, in the first reply, on an assumed share: judged again once measured. */
  let rejudgeMeasured = false;
  /** Input audio ms since which every chunk's share was the coherence's (undefined: not now). */
  let cueFromMs: number | undefined;

  /** How long a window ending at `endMs` shows a person in a stretch judged echo, if one does. */
  function personWindowMs(endMs: number): number | undefined {
    if (rejudge && replySentMs !== undefined && replySentMs <= REJUDGE_UNTIL_MS) {
      const share = history.meanShare(endMs - REJUDGE_WINDOW_MS, endMs);
      if (share !== undefined && share < OWN_VOICE_THRESHOLD) return REJUDGE_WINDOW_MS;
    }
    if (rejudgeMeasured && measuredFromMs !== undefined) {
      const fromMs = endMs - FIRST_REPLY_WINDOW_MS;
      const share = history.meanShare(fromMs, endMs);
      const inWindow = fromMs >= measuredFromMs && endMs <= measuredFromMs + FIRST_REPLY_REJUDGE_MS;
      if (inWindow && share !== undefined && share < OWN_VOICE_THRESHOLD)
        return FIRST_REPLY_WINDOW_MS;
    }
    // A stretch judged echo, its last window read by the coherence (`shareLagsOnset`): judged
    // as an onset is, on FIRST_REPLY_WINDOW_MS. The coherence reads over 200 ms, so an onset's
    // first 200 ms still hold the echo before it and read as echo; and the VAD opens on a
    // first reply's echo long before a person talks over it, so only this sees them (through
    // the WebSocket, flite kal16 1.5 s into a first reply was never heard without it).
    const fromMs = endMs - FIRST_REPLY_WINDOW_MS;
    if (cueFromMs !== undefined && cueFromMs <= fromMs) {
      const share = history.meanShare(fromMs, endMs);
      if (share !== undefined && share < OWN_VOICE_THRESHOLD) return FIRST_REPLY_WINDOW_MS;
    }
    return userTookOver(history, endMs) ? TAKE_OVER_WINDOW_MS : undefined;
  }

  function stopRejudging(): void {
    rejudge = false;
    rejudgeMeasured = false;
  }

  return {
    near(chunk, startMs, nowMs) {
      const result = canceller.processNearEnd(chunk);
      const durationMs = (chunk.samples.length * 1000) / chunk.sampleRate;
      const endMs = startMs + durationMs;
      const echoPossible = nowMs - lastFrameAtMs < ECHO_TAIL_MS;
      if (result.shareAssumed === true) measuredFromMs = undefined;
      else measuredFromMs ??= startMs;
      if (result.shareLagsOnset === true) cueFromMs ??= startMs;
      else cueFromMs = undefined;
      history.record(startMs, endMs, result.echoShare, echoPossible);
      const passed = gate.push(result.cleaned, startMs, echoPossible);
      const base = { cleaned: result.cleaned, echoShare: result.echoShare };
      const settled = replySentMs !== undefined && replySentMs > TAKE_OVER_AFTER_MS;
      const windowMs = echoStretch && settled ? personWindowMs(endMs) : undefined;
      if (windowMs === undefined) {
        return { ...base, stt: passed.length > 0 ? passed : [silenceLike(result.cleaned)] };
      }
      echoStretch = false;
      stopRejudging();
      const atMs = endMs - windowMs;
      const echoShare = history.meanShare(atMs, endMs) ?? 0;
      // A chunk the gate held is in the pre-roll it now releases; one it passed follows it.
      return { ...base, stt: [...gate.open(atMs), ...passed], takeOver: { atMs, echoShare } };
    },
    speechStart(atMs, receivedMs) {
      const judgedUntilMs = Math.min(receivedMs, atMs + ONSET_JUDGE_MS);
      echoStretch = history.agentPlayingAt(atMs) && isOwnVoiceOnset(history, atMs, judgedUntilMs);
      // How much of the reply had been sent when the onset's audio was (about).
      const onsetSentMs = (replySentMs ?? Number.POSITIVE_INFINITY) - (receivedMs - atMs);
      rejudge = echoStretch && replies > 1 && onsetSentMs <= TAKE_OVER_AFTER_MS;
      const assumed = measuredFromMs === undefined || measuredFromMs > atMs;
      rejudgeMeasured = echoStretch && replies === 1 && assumed;
      return echoStretch ? { ownVoice: true } : { ownVoice: false, stt: gate.open(atMs) };
    },
    speechEnd() {
      stopRejudging();
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
      replies++;
    },
    replyEnded() {
      replySentMs = undefined;
      stopRejudging();
    },
  };
}

function silenceLike(chunk: AudioChunk): AudioChunk {
  return { samples: new Int16Array(chunk.samples.length), sampleRate: chunk.sampleRate };
}
