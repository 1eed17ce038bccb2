import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Reframer } from './reframe.ts';

describe('Reframer', () => {
  it('joins short chunks into whole frames and keeps the remainder for later', () => {
    const reframer = new Reframer(4);
    assert.equal(reframer.push(Int16Array.from([1, 2, 3])).length, 0);
    const frames = reframer.push(Int16Array.from([4, 5, 6, 7, 8, 9]));
    assert.equal(frames.length, 2);
    assert.deepEqual(
      Array.from(frames[0] ?? []),
      [1, 2, 3, 4].map((value) => value / 32768),
    );
    assert.deepEqual(
      Array.from(frames[1] ?? []),
      [5, 6, 7, 8].map((value) => value / 32768),
    );
  });

  it('scales full-scale PCM16 into [-1, 1)', () => {
    const frames = new Reframer(2).push(Int16Array.from([-32768, 32767]));
    assert.deepEqual(Array.from(frames[0] ?? []), [-1, 32767 / 32768]);
  });
});
