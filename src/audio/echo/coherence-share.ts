/**
 * Where the level model (echo-share.ts) cannot tell echo from a person, the envelope coherence
 * does (pure). The level model needs what it learns: the echo delay, then what the filter
 * leaves of the far end, learnt on echo-only frames. In a session's first reply it has neither
 * for about 2 s, and what it learns meanwhile misleads it (stop 29: the path gain learnt against
 * the far end held at its peak reads every echo frame as double talk once the delay is found,
 * so the residual is never learnt and echo alone reads 0.08-0.10). The coherence needs no
 * learnt level: echo's band envelopes follow the far end's, a person's do not.
 *
 * - Until the level model is trusted, a frame's share is the coherence's, mapped from
 *   [personBelow, echoAbove] to [0, 1]. A frame the coherence cannot read (its window holds
 *   too little sound, or the far end was too steady) is assumed all echo: the level model's
 *   share there was what misled (a first reply's answer after a filler and a wait read
 *   0.11-0.19 for its first 120 ms, before its window filled). A near end at its noise floor
 *   keeps the level's share: it holds nothing to tell apart.
 * - The level model is trusted, for the rest of the session, once it has learnt the residual on
 *   `trustAfterFrames` echo-only frames with the delay known, or once the session's first reply
 *   is over: later replies keep the shares they were measured and tuned on. The coherence of the
 *   microphone cannot hear a person much quieter than the echo: at 100 frames, a voice 6 dB
 *   under espeak-ng's -3 dB echo 5 s into a first reply read 0.82 (0.18 by the level model;
 *   test/echo/real-audio.test.ts), trusted 8.7 s in. At 50 frames: 0.28, and the first-reply
 *   tests that the coherence made pass still do. Counted only
 *   within a reply (each new seat unsettles the delay), it was never trusted in the lockstep
 *   session (20-43 frames a reply), and the coherence deciding every reply paused on echo in
 *   the fifth (test/echo/session-lockstep.test.ts).
 */
export interface CoherenceShareOptions {
  /** A coherence at or below this reads as all person (share 0). */
  readonly personBelow: number;
  /** ...at or above this as all echo (share 1). */
  readonly echoAbove: number;
  /** Residual-learning frames since the delay was found before the level model is trusted. */
  readonly trustAfterFrames: number;
}

export const DEFAULT_COHERENCE_SHARE: CoherenceShareOptions = {
  personBelow: 0.6,
  echoAbove: 0.85,
  trustAfterFrames: 50,
};

export interface LevelTrust {
  /** Frames the residual was learnt on with the delay known, since the session began. */
  readonly learntFrames: number;
  /** The session's level model has learnt the room (or its first reply is over). */
  readonly trusted: boolean;
}

export const INITIAL_LEVEL_TRUST: LevelTrust = { learntFrames: 0, trusted: false };

/**
 * One frame of the level model's state: the delay known, the residual learnt on it, and the
 * coherence sure it was echo alone (learnt on a person, through the WebSocket, the level model
 * was trusted while a person talked over a first reply and read them as echo: 3 of 4 never
 * heard in bench/barge-over-echo.ts).
 */
export function stepLevelTrust(
  trust: LevelTrust,
  frame: {
    readonly delayKnown: boolean;
    readonly residualLearnt: boolean;
    readonly echoConfirmed: boolean;
  },
  options: CoherenceShareOptions = DEFAULT_COHERENCE_SHARE,
): LevelTrust {
  if (trust.trusted || !frame.delayKnown || !frame.residualLearnt || !frame.echoConfirmed)
    return trust;
  const learntFrames = trust.learntFrames + 1;
  return { learntFrames, trusted: learntFrames >= options.trustAfterFrames };
}

/** The session's first reply is over: the level model decides from now on. */
export function endFirstReply(trust: LevelTrust): LevelTrust {
  return { ...trust, trusted: true };
}

export interface CoherenceShareFrame {
  /** The level model's share of this frame. */
  readonly levelShare: number;
  /** ...measured (the delay known), not assumed. */
  readonly levelMeasured: boolean;
  /** The coherence reading, if the far end varied enough to give one. */
  readonly coherence: number | undefined;
  /** The near end is at its noise floor: nothing to tell apart. */
  readonly atFloor: boolean;
  readonly trusted: boolean;
}

export interface CoherenceShareStep {
  readonly share: number;
  /** The coherence decided this frame's share. */
  readonly byCoherence: boolean;
  /** Neither model could measure it: all echo is assumed (a person too). */
  readonly assumed: boolean;
}

export function coherenceShare(
  frame: CoherenceShareFrame,
  options: CoherenceShareOptions = DEFAULT_COHERENCE_SHARE,
): CoherenceShareStep {
  if (frame.trusted || frame.atFloor)
    return { share: frame.levelShare, byCoherence: false, assumed: false };
  if (frame.coherence === undefined) return { share: 1, byCoherence: false, assumed: true };
  const span = options.echoAbove - options.personBelow;
  const mapped = Math.min(1, Math.max(0, (frame.coherence - options.personBelow) / span));
  // Unsure of echo, the level model (where it measured) may say person: the lower of the two.
  const share = mapped < 1 && frame.levelMeasured ? Math.min(mapped, frame.levelShare) : mapped;
  return { share, byCoherence: true, assumed: false };
}
