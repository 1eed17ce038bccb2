import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createFramer, durationMs, samplesForMs } from './framing.ts';

const ramp = (from: number, count: number): Int16Array =>
  Int16Array.from({ length: count }, (_, i) => from + i);

describe('framing', () => {
  it('converts milliseconds to samples and back', () => {
    assert.equal(samplesForMs(20, 16000), 320);
    assert.equal(samplesForMs(32, 16000), 512);
    assert.equal(durationMs(24000, 24000), 1000);
    assert.equal(durationMs(160, 8000), 20);
  });

  it('re-cuts odd-sized chunks into fixed frames in order', () => {
    const framer = createFramer(4);
    const frames = [
      ...framer.push(ramp(0, 3)),
      ...framer.push(ramp(3, 6)),
      ...framer.push(ramp(9, 1)),
    ];
    assert.deepEqual(
      frames.map((f) => Array.from(f)),
      [
        [0, 1, 2, 3],
        [4, 5, 6, 7],
      ],
    );
    assert.deepEqual(Array.from(framer.flush() ?? []), [8, 9]);
  });

  it('returns a short remainder from flush by default', () => {
    const framer = createFramer(5);
    framer.push(ramp(1, 2));
    assert.equal(framer.flush()?.length, 2);
  });

  it('zero-pads the remainder when padFinal is set', () => {
    const framer = createFramer(4, { padFinal: true });
    framer.push(ramp(1, 2));
    assert.deepEqual(Array.from(framer.flush() ?? []), [1, 2, 0, 0]);
  });

  it('returns undefined from flush when nothing is pending and starts empty after it', () => {
    const framer = createFramer(2);
    assert.deepEqual(framer.push(ramp(0, 4)).length, 2);
    assert.equal(framer.flush(), undefined);
    framer.push(ramp(0, 1));
    framer.flush();
    assert.deepEqual(
      framer.push(ramp(7, 2)).map((f) => Array.from(f)),
      [[7, 8]],
    );
  });

  it('hands out frames that later pushes do not overwrite', () => {
    const framer = createFramer(2);
    const [first] = framer.push(ramp(0, 2));
    framer.push(ramp(100, 2));
    assert.deepEqual(Array.from(first ?? []), [0, 1]);
  });

  it('rejects a frame size that is not a positive integer', () => {
    assert.throws(() => createFramer(0), RangeError);
    assert.throws(() => createFramer(2.5), RangeError);
  });
});
