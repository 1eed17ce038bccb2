/** Per reply, the lowest mean echo share over any window of audible echo (pure). */
import type { PacedRun } from './paced-replies.ts';

export interface LowestShare {
  /** Mean share over the window; 1 when no window held audible echo. */
  readonly share: number;
  /** Where the window starts, ms into the reply (-1 when none). */
  readonly atMs: number;
}

/**
 * `windowChunks` 20 ms chunks at a time; a window counts when the echo alone averages at
 * least `audibleDb` dBFS there and the cleaned audio at least `leftDb` (something is left for
 * a VAD to open on: where the canceller left only the room's noise, the share says nothing).
 */
export function lowestEchoShares(
  run: PacedRun,
  windowChunks: number,
  audibleDb: number,
  leftDb = -60,
  chunkMs = 20,
): LowestShare[] {
  return run.replyStarts.map((from, r) => {
    const to = run.replyStarts[r + 1] ?? run.shares.length;
    let lowest: LowestShare = { share: 1, atMs: -1 };
    for (let k = from; k + windowChunks <= to; k++) {
      if (mean(run.echoDb.slice(k, k + windowChunks)) < audibleDb) continue;
      if (mean(run.cleanedDb.slice(k, k + windowChunks)) < leftDb) continue;
      const share = mean(run.shares.slice(k, k + windowChunks));
      if (share < lowest.share) lowest = { share, atMs: (k - from) * chunkMs };
    }
    return lowest;
  });
}

const mean = (values: readonly number[]) => values.reduce((sum, v) => sum + v, 0) / values.length;
