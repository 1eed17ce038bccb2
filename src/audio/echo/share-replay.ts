/**
 * The echo share learnt again once the echo delay is first found (pure, but for its ring).
 *
 * Until the delay tracker's first estimate the far end cannot be lined up with the echo: the
 * share holds it at its peak for a second and assumes all is echo. What it learnt there (near
 * over a far end held that long) set its path gain 15-25 dB low, and after the estimate every
 * echo frame read as double talk, what the filter leaves was never learnt, and echo alone read
 * as a person: 0.10 at 2.7 s (test/echo/sender-stall.test.ts), 0.49 at 1.4 s
 * (late-first-reply.test.ts), 0.16 and 0.13 (reply-offsets.test.ts, first replies played
 * 360 ms late). Learning nothing until the estimate, the share had to find the path with
 * whatever the microphone held then: a person already talking was learnt as the echo (mean
 * share of their words 0.40-0.56 by time, double-talk.test.ts). So each frame's levels are
 * kept until the first estimate, and the share then learns on them afresh with the far end laid
 * where it now knows the echo was, as if it had known the delay all along.
 */
import {
  DEFAULT_ECHO_SHARE,
  type EchoShareOptions,
  initialEchoShareState,
  type EchoShareState,
  stepEchoShare,
} from './echo-share.ts';

/** Frames before the first delay estimate the share learns on once it comes (2 s). */
export const KEPT_FRAMES = 200;

/** One frame's levels (mean squares over full scale squared) as the share saw them. */
export interface KeptLevels {
  readonly nearPower: number;
  readonly cleanedPower: number;
  readonly linearPower: number;
}

export interface ShareRelearner {
  /**
   * Each frame's levels before the share steps on it, and whether the echo delay is known
   * yet: until it is, they are kept; on the first frame it is, the share learnt afresh on
   * them is returned (once), `farPower(framesAgo)` being the far end's level where the echo of
   * a kept frame left the speaker (0 = the newest kept frame). Twice: the path gain first,
   * then what the filter leaves, with double talk told from the first frame on (learnt at
   * once, a person talking there was learnt as the residual: RHVoice bdl from 300 ms into a
   * first reply heard 1040 -> 1000 ms after, test/echo/first-reply-talker.test.ts).
   */
  keep(
    levels: KeptLevels,
    delayKnown: boolean,
    farPower: (framesAgo: number) => number,
    holdFrames: number,
  ): EchoShareState | undefined;
}

export function createShareRelearner(
  length = KEPT_FRAMES,
  options: EchoShareOptions = DEFAULT_ECHO_SHARE,
): ShareRelearner {
  let ring: KeptLevels[] | undefined = [];
  let next = 0;
  return {
    keep({ nearPower, cleanedPower, linearPower }, delayKnown, farPower, holdFrames) {
      if (ring === undefined) return undefined;
      if (!delayKnown) {
        ring[next] = { nearPower, cleanedPower, linearPower };
        next = (next + 1) % length;
        return undefined;
      }
      const kept = ring;
      ring = undefined;
      const replay = (from: EchoShareState) => {
        let state = from;
        for (let framesAgo = kept.length - 1; framesAgo >= 0; framesAgo--) {
          const frame = kept[(next - 1 - framesAgo + 2 * length) % length]!;
          const far = { farPower: farPower(framesAgo), farHoldFrames: holdFrames };
          state = stepEchoShare(state, { ...frame, ...far }, options).state;
        }
        return state;
      };
      const path = replay(initialEchoShareState(options));
      return replay({ ...initialEchoShareState(options), pathGainDb: path.pathGainDb });
    },
  };
}
