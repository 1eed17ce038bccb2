import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { blockLevelDb } from './delay-estimate.ts';
import type { DelayTracker } from './delay-tracker.ts';
import { createFarEndTimeline } from './far-end-timeline.ts';
import { moveTrackerSeat } from './tracker-seat.ts';

/** A tracker that records what it is asked to lay again (newest block first). */
function recordingTracker(): { tracker: DelayTracker; laid: number[] } {
  const laid: number[] = [];
  const tracker: DelayTracker = {
    addBlock: () => undefined,
    relayFar(count, farDb) {
      for (let j = 0; j < count; j++) laid.push(farDb(j));
    },
    delayMs: undefined,
    correlation: 0,
    estimates: 0,
  };
  return { tracker, laid };
}

const BLOCK = 4;
const loud = blockLevelDb(new Int16Array(BLOCK).fill(8_000), 0, BLOCK);
const quiet = blockLevelDb(new Int16Array(BLOCK), 0, BLOCK);

describe('the tracker following a seat move', () => {
  // A reply of 8 loud samples laid at near position 40, the near end now at 64.
  const timeline = createFarEndTimeline(1_000);
  timeline.write(new Int16Array(8).fill(8_000), 40);
  const base = { timeline, nearPosition: 64, blockSamples: BLOCK, laidFrom: 40 };

  it('lays the blocks from where the reply shows under either seat again, at the new seat', () => {
    const { tracker, laid } = recordingTracker();
    const count = moveTrackerSeat({ ...base, tracker, fromSeatSamples: 0, toSeatSamples: 16 });
    // From position 40 on: 6 blocks, newest first; the reply (40..47) plays at 56..63.
    assert.equal(count, 6);
    assert.deepEqual(laid, [loud, loud, quiet, quiet, quiet, quiet]);
  });

  it('lays nothing when the seat stays', () => {
    const { tracker, laid } = recordingTracker();
    assert.equal(moveTrackerSeat({ ...base, tracker, fromSeatSamples: 8, toSeatSamples: 8 }), 0);
    assert.deepEqual(laid, []);
  });

  it('lays from the earlier of the two seats when the reply plays earlier than the last', () => {
    const { tracker, laid } = recordingTracker();
    const count = moveTrackerSeat({ ...base, tracker, fromSeatSamples: 16, toSeatSamples: 4 });
    // Under the new seat 4 the reply shows at 44..51; blocks from 44 on are laid again.
    assert.equal(count, 5);
    assert.deepEqual(laid, [quiet, quiet, quiet, loud, loud]);
  });
});
