import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createDelayTracker, DEFAULT_DELAY_TRACKER } from './delay-tracker.ts';
import { speechLikeEnvelope } from '../../testing/level-envelope.ts';

const BLOCK_MS = 5;
const SILENCE_DB = -80;
/** The room's part of the echo delay, and the client's playback seat, in blocks. */
const ROOM_BLOCKS = 30;
const SEAT_BLOCKS = 48;
/**
 * The reply is laid from this block; its seat comes this many blocks later (a client reports
 * 0 played until it starts: played 240 ms late, its first report that seats is 300 ms in).
 */
const REPLY_AT = 200;
const REPORT_AFTER = 60;

/**
 * A first reply laid at REPLY_AT and played SEAT_BLOCKS later; the tracker is fed the far end
 * at seat 0 until the report, at the seat after it. Returns the first estimate, in blocks.
 */
function firstEstimateBlocks(relay: boolean): number | undefined {
  const tracker = createDelayTracker({ ...DEFAULT_DELAY_TRACKER, blockMs: BLOCK_MS });
  const reply = speechLikeEnvelope(2_000, 11);
  /** The far end as laid, on the near clock. */
  const laid = (k: number) => (k >= REPLY_AT ? (reply[k - REPLY_AT] ?? SILENCE_DB) : SILENCE_DB);
  const played = (k: number) => laid(k - SEAT_BLOCKS);
  const heard = (k: number) => Math.max(played(k - ROOM_BLOCKS) - 9, -70);
  const reportAt = REPLY_AT + REPORT_AFTER;
  for (let k = 0; k < REPLY_AT + 1_500; k++) {
    if (k === reportAt && relay) tracker.relayFar(k - REPLY_AT, (ago) => played(k - 1 - ago));
    tracker.addBlock(k < reportAt ? laid(k) : played(k), heard(k));
    if (tracker.delayMs !== undefined) return tracker.delayMs / BLOCK_MS;
  }
  return undefined;
}

describe('delay tracker', () => {
  it('takes the seat for part of the echo delay when the blocks fed before a seat stay at the old one', () => {
    // The reply's start shows at two lags, and the one at the old seat wins.
    assert.equal(firstEstimateBlocks(false), ROOM_BLOCKS + SEAT_BLOCKS);
  });

  it("finds the room's delay once the blocks fed before a seat are laid again at it", () => {
    assert.equal(firstEstimateBlocks(true), ROOM_BLOCKS);
  });

  it('lays no more blocks again than it has been fed', () => {
    const tracker = createDelayTracker({ ...DEFAULT_DELAY_TRACKER, blockMs: BLOCK_MS });
    const asked: number[] = [];
    tracker.addBlock(-30, -40);
    tracker.addBlock(-30, -40);
    tracker.relayFar(10, (ago) => {
      asked.push(ago);
      return -20;
    });
    assert.deepEqual(asked, [0, 1]);
  });
});
