import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createFarEndTimeline } from './far-end-timeline.ts';
import { createFractionalReader } from './fractional-read.ts';

/** A 500 Hz sine at 16 kHz laid on a timeline from position 0, amplitude 10 000. */
function sineTimeline() {
  const timeline = createFarEndTimeline(16_000);
  const samples = Int16Array.from({ length: 8_000 }, (_, n) =>
    Math.round(10_000 * Math.sin((2 * Math.PI * 500 * n) / 16_000)),
  );
  timeline.write(samples, 0);
  return timeline;
}

describe('fractional far-end read', () => {
  it('reads whole positions as they were written', () => {
    const timeline = sineTimeline();
    const expected = new Int16Array(160);
    const got = new Int16Array(160);
    timeline.read(1_000, expected);
    createFractionalReader().read(timeline, 1_000, got);
    assert.deepEqual(got, expected);
  });

  for (const fraction of [0.25, 0.5, 0.7])
    it(`reads ${fraction} of a sample on as the signal is there, within 1 % of its amplitude`, () => {
      const timeline = sineTimeline();
      const got = new Int16Array(160);
      createFractionalReader().read(timeline, 2_000 + fraction, got);
      for (let i = 0; i < got.length; i++) {
        const truth = 10_000 * Math.sin((2 * Math.PI * 500 * (2_000 + fraction + i)) / 16_000);
        assert.ok(Math.abs(got[i]! - truth) < 100, `sample ${i}: ${got[i]} against ${truth}`);
      }
    });

  it('reads silence outside what was written', () => {
    const got = new Int16Array(160).fill(1);
    createFractionalReader().read(createFarEndTimeline(1_000), 100.5, got);
    assert.ok(got.every((sample) => sample === 0));
  });
});
