/**
 * The envelope coherence cue's runner: each 10 ms frame of the microphone and of the far end
 * where the client played it (at the playback seat, as the delay tracker sees it) go to band
 * envelopes and the coherence (envelope-coherence.ts); the reading is the best correlation at
 * the tracked delay past the seat (a frame either side), or over every lag it may have while
 * the delay is unknown. Not the far end as sent: a server behind on the microphone lays it
 * behind the near clock (by up to the seat), after that position was read, and through the
 * WebSocket the coherence read nothing for the whole first reply. When the seat moves, lags
 * whose window reaches back before the move are not read until it no longer does.
 */
import { createBandEnvelope, DEFAULT_BANDS } from './band-envelope.ts';
import {
  coherenceShare,
  type CoherenceShareStep,
  DEFAULT_COHERENCE_SHARE,
  endFirstReply,
  INITIAL_LEVEL_TRUST,
  stepLevelTrust,
} from './coherence-share.ts';
import { createEnvelopeCoherence, type CoherenceReading } from './envelope-coherence.ts';

export interface CoherenceCueOptions {
  readonly sampleRate: number;
  readonly frameSize: number;
  readonly frameMs: number;
  /** The largest echo delay past the playback seat, ms. */
  readonly maxDelayMs: number;
  /**
   * How much later than the seat says a reply may play before the client reports it, ms: the
   * lags looked at while the delay is unknown reach this far past the seat and its delay.
   */
  readonly unreportedLateMs?: number;
  /** The window the correlation is taken over, ms. */
  readonly windowMs?: number;
  /** Lags either side of the tracked delay looked at, frames. */
  readonly aroundFrames?: number;
  readonly minFarSpread?: number;
}

export interface CoherenceCue {
  /** One frame of the microphone (and whether it holds sound) and of the far end as played. */
  push(near: Int16Array, farPlayed: Int16Array, nearActive: boolean): void;
  /** The far end is played elsewhere from now on (the seat moved). */
  moved(): void;
  /** The best reading at `echoDelayMs` behind the far end as played, a frame either side. */
  readAt(echoDelayMs: number): CoherenceReading | undefined;
  /** The best reading over lags `fromMs..toMs` behind the far end as played. */
  readOver(fromMs: number, toMs: number): CoherenceReading | undefined;
}

export const DEFAULT_COHERENCE_WINDOW_MS = 200;
export const DEFAULT_UNREPORTED_LATE_MS = 400;
/**
 * A microphone frame holds sound this far over the tracked noise floor, dB. At the echo share's
 * own floor (6 dB) the pink noise before a first reply's echo (-60 dBFS) read as sound, and a
 * window of it and the echo's first frames was read before the echo's lag had a full window of
 * far end (a reply played 240 ms late read 0.00-0.55 at 400-600 ms).
 */
export const SOUND_OVER_NOISE_DB = 12;
/** A seat moved by less than this (a refinement) leaves the far end's history where it is. */
const SEAT_MOVE_MS = 5;
/** The far end's history kept, ms: the largest lag ever looked at. */
const MAX_LAG_MS = 2_000;

export function createCoherenceCue(options: CoherenceCueOptions): CoherenceCue {
  const { frameMs } = options;
  const bands = { ...DEFAULT_BANDS, sampleRate: options.sampleRate, frameSize: options.frameSize };
  const near = createBandEnvelope(bands);
  const far = createBandEnvelope(bands);
  const maxLagFrames = Math.ceil(MAX_LAG_MS / frameMs);
  const around = options.aroundFrames ?? 2;
  const coherence = createEnvelopeCoherence({
    bands: bands.bands,
    windowFrames: Math.round((options.windowMs ?? DEFAULT_COHERENCE_WINDOW_MS) / frameMs),
    maxLagFrames,
    minFarSpread: options.minFarSpread ?? 0.01,
    minActiveShare: 0.6,
    // -50 dB under a full-scale sine: the far end's speech, not its noise.
    farActivePower: 1e-5,
  });
  return {
    push(nearFrame, farFrame, nearActive) {
      coherence.push(near.push(nearFrame), far.push(farFrame), nearActive);
    },
    moved() {
      coherence.moved();
    },
    readAt(echoDelayMs) {
      const lag = Math.round(echoDelayMs / frameMs);
      return coherence.read(lag - around, lag + around);
    },
    readOver(fromMs, toMs) {
      return coherence.read(Math.floor(fromMs / frameMs), Math.ceil(toMs / frameMs));
    },
  };
}

/** Where the echo may lie, and whether the microphone holds anything, for the judge. */
export interface CoherenceFrame {
  /** The tracked echo delay past the playback seat, ms, if known. */
  readonly delayMs: number | undefined;
  /** Where the client plays the reply behind the far end as laid, ms, if it has said. */
  readonly seatMs: number | undefined;
  /** The microphone frame is at its noise floor (the level model's judgement). */
  readonly atFloor: boolean;
  /** The microphone frame's level over the tracked noise floor, dB. */
  readonly overNoiseDb: number;
}

/** What the level model made of the frame. */
export interface LevelFrame {
  /** The level model knew the delay (and the filter had settled on it). */
  readonly delayKnown: boolean;
  /** It learnt the residual on this frame (an echo-only frame to it). */
  readonly residualLearnt: boolean;
  readonly levelShare: number;
}

export interface CoherenceJudge {
  /**
   * One frame of the microphone and the far end as sent, read before the level model steps:
   * whether the coherence hears a person in it (the level model learns nothing there).
   */
  read(near: Int16Array, farPlayed: Int16Array, frame: CoherenceFrame): { personHeard: boolean };
  /** The frame's share, once the level model has stepped on it. */
  decide(level: LevelFrame): CoherenceShareStep;
  /**
   * The far end was reset (a reply's end, or an interrupt): the first reply is over if any of
   * it was sent (a reply retracted before its audio is not).
   */
  replyEnded(): void;
}

/** The cue and the level model's trust together (coherence-share.ts): the canceller's part. */
export function createCoherenceJudge(options: CoherenceCueOptions): CoherenceJudge {
  const cue = createCoherenceCue(options);
  let trust = INITIAL_LEVEL_TRUST;
  const lateMs = options.maxDelayMs + (options.unreportedLateMs ?? DEFAULT_UNREPORTED_LATE_MS);
  /**
   * Behind the far end as laid (the seat it was found at and the lag past it), where the
   * microphone last followed the far end as echo does, ms. Until the tracker knows the delay,
   * it is read there: read at the best of every lag, a pause in the far end at the echo's lag
   * (the room's echo still sounding) left other lags best, which the echo did not follow (a
   * first reply played 80 ms late: 0.22-0.46 at 860-940 ms, 0.88-0.98 at its own lag either
   * side).
   */
  let foundPastSeatMs: number | undefined;
  let reading: CoherenceReading | undefined;
  /** Far-end audio was sent since the last reset. */
  let farSent = false;
  let atFloor = false;
  let lastSeatMs = 0;
  const readAt = (frame: CoherenceFrame) => {
    const seatMs = frame.seatMs ?? 0;
    if (frame.delayMs !== undefined) return cue.readAt(frame.delayMs);
    const best = cue.readOver(0, lateMs);
    if (best !== undefined && best.correlation >= DEFAULT_COHERENCE_SHARE.echoAbove)
      foundPastSeatMs = best.lagFrames * options.frameMs + seatMs;
    if (foundPastSeatMs !== undefined) return cue.readAt(foundPastSeatMs - seatMs);
    // No lag found yet: the best of every lag says echo when it is sure, nothing otherwise (a
    // first reply's echo, its own lag not yet in the window, read -0.12-0.45 at 260-300 ms).
    return undefined;
  };
  return {
    read(near, far, frame) {
      // Trusted, the level model decides for the rest of the session: nothing more to read.
      if (trust.trusted) {
        reading = undefined;
        return { personHeard: false };
      }
      const seatMs = frame.seatMs ?? 0;
      if (Math.abs(seatMs - lastSeatMs) >= SEAT_MOVE_MS) cue.moved();
      lastSeatMs = seatMs;
      cue.push(near, far, frame.overNoiseDb >= SOUND_OVER_NOISE_DB);
      farSent ||= far.some((sample) => sample !== 0);
      atFloor = frame.atFloor;
      // Read only where it may decide: a read is the costly part (every lag while unknown).
      reading = trust.trusted || atFloor ? undefined : readAt(frame);
      const personHeard =
        reading !== undefined && reading.correlation <= DEFAULT_COHERENCE_SHARE.personBelow;
      return { personHeard };
    },
    decide(level) {
      const echoConfirmed =
        reading !== undefined && reading.correlation >= DEFAULT_COHERENCE_SHARE.echoAbove;
      trust = stepLevelTrust(trust, { ...level, echoConfirmed }, DEFAULT_COHERENCE_SHARE);
      return coherenceShare(
        {
          levelShare: level.levelShare,
          levelMeasured: level.delayKnown,
          coherence: reading?.correlation,
          atFloor,
          trusted: trust.trusted,
        },
        DEFAULT_COHERENCE_SHARE,
      );
    },
    replyEnded() {
      if (farSent) trust = endFirstReply(trust);
      farSent = false;
    },
  };
}
