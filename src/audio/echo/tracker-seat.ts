import { blockLevelDb } from './delay-estimate.ts';
import type { DelayTracker } from './delay-tracker.ts';
import type { FarEndTimeline } from './far-end-timeline.ts';

/**
 * The delay tracker's far end follows a move of the playback seat (pure but for the tracker
 * it writes to). The tracker is fed the far end where the client plays it (`seatSamples`
 * behind the near clock), so it measures only the room's part of the echo delay. Until a
 * reply's first playback report the seat is the last reply's (0 in a session's first), and the
 * blocks fed then sit at that seat; the report moves it. Left as fed, the window held the
 * reply's start at two lags, and its loud onset at the old seat won the correlation: traced
 * through the WebSocket in a cold server's first reply (a seat of 40-80 ms), the estimate
 * came out the room's delay plus the seat (195-230 ms for 150) and then wandered down to it
 * over 1.5 s as the old blocks left the window, restarting the filter at each move out of its
 * reach (2-3 restarts, a person heard ~2 s late or never).
 */
export interface TrackerSeatMove {
  readonly tracker: DelayTracker;
  readonly timeline: FarEndTimeline;
  /** The near-clock position one past the tracker's newest block. */
  readonly nearPosition: number;
  /** Near-clock samples per tracker block. */
  readonly blockSamples: number;
  /** Where the part of the reply the new seat applies to was laid (near clock). */
  readonly laidFrom: number;
  /** The old and the new seat, in (whole) near-clock samples. */
  readonly fromSeatSamples: number;
  readonly toSeatSamples: number;
}

export function moveTrackerSeat(move: TrackerSeatMove): number {
  const { nearPosition, blockSamples, toSeatSamples } = move;
  if (move.fromSeatSamples === toSeatSamples) return 0;
  // A block shows that part of the reply under either seat from here on.
  const from = move.laidFrom + Math.min(move.fromSeatSamples, toSeatSamples);
  // The tracker lays no more than the blocks it keeps.
  const count = Math.ceil((nearPosition - from) / blockSamples);
  if (count <= 0) return 0;
  const block = new Int16Array(blockSamples);
  move.tracker.relayFar(count, (blocksAgo) => {
    move.timeline.read(nearPosition - (blocksAgo + 1) * blockSamples - toSeatSamples, block);
    return blockLevelDb(block, 0, blockSamples);
  });
  return count;
}
