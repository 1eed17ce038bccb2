import { chooseFeedDelayMs } from './alignment.ts';
import {
  MIN_LEAD_MS,
  PERSON_DRIFT_MS,
  PERSON_HOLD_FRAMES,
  PERSON_WAIT_MAX_FRAMES,
  TAIL_RESERVE_MS,
} from './speex-tuning.ts';

export interface FeedMoverOptions {
  readonly filterMs: number;
  readonly marginMs: number;
  /** The feed delay never goes below this, ms (speex-tuning.ts LEAST_FEED_SAMPLES). */
  readonly leastMs: number;
}

/**
 * The feed delay of the filter's reference, frame by frame: where `chooseFeedDelayMs` says it
 * belongs, but a small move waits while a person talks. A person talking over the echo drags
 * the delay estimate a little (their voice correlates with nothing); the restart a move costs
 * would make the share assume all echo for a second and hide them. A first estimate, a larger
 * move, or one that has waited PERSON_WAIT_MAX_FRAMES does not wait.
 */
export interface FeedMover {
  readonly feedDelayMs: number;
  /**
   * After each 10 ms frame: the tracker's echo delay estimate and whether the frame was read
   * as a person. True when the feed delay moved: what the filter learnt no longer fits.
   */
  afterFrame(estimateMs: number | undefined, personHeard: boolean): boolean;
}

export function createFeedMover(options: FeedMoverOptions): FeedMover {
  let feedDelayMs = options.leastMs;
  let frames = 0;
  /** The last frame a person's voice holds the feed delay until. */
  let personUntilFrame = -1;
  /** The latest delay estimate the current feed delay fitted. */
  let fittingEstimateMs: number | undefined;
  /** The frame since which a move has waited for a person to stop. */
  let waitingSinceFrame: number | undefined;
  return {
    get feedDelayMs() {
      return feedDelayMs;
    },
    afterFrame(estimateMs, personHeard) {
      const nextFeedMs = chooseFeedDelayMs({
        currentMs: feedDelayMs,
        // The feed delay is counted from the seat: the rest of the path.
        estimateMs,
        filterMs: options.filterMs,
        marginMs: options.marginMs,
        minLeadMs: MIN_LEAD_MS,
        tailMs: TAIL_RESERVE_MS,
        leastMs: options.leastMs,
      });
      if (personHeard) personUntilFrame = frames + PERSON_HOLD_FRAMES;
      frames++;
      if (nextFeedMs === feedDelayMs) {
        fittingEstimateMs = estimateMs;
        waitingSinceFrame = undefined;
        return false;
      }
      const drift =
        fittingEstimateMs !== undefined &&
        estimateMs !== undefined &&
        Math.abs(estimateMs - fittingEstimateMs) <= PERSON_DRIFT_MS;
      waitingSinceFrame ??= frames;
      const waitedTooLong = frames - waitingSinceFrame > PERSON_WAIT_MAX_FRAMES;
      if (drift && frames <= personUntilFrame && !waitedTooLong) return false;
      waitingSinceFrame = undefined;
      feedDelayMs = nextFeedMs;
      return true;
    },
  };
}
