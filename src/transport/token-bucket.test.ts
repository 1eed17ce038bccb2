import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TokenBucket } from './token-bucket.ts';

describe('TokenBucket', () => {
  it('allows a burst up to its capacity, then refuses', () => {
    const bucket = new TokenBucket({ capacity: 3, refillPerSecond: 1 }, () => 0);
    assert.deepEqual(
      [bucket.take(), bucket.take(), bucket.take(), bucket.take()],
      [true, true, true, false],
    );
  });

  it('refills at its rate as time passes, never above capacity', () => {
    let nowMs = 0;
    const bucket = new TokenBucket({ capacity: 2, refillPerSecond: 10 }, () => nowMs);
    bucket.take();
    bucket.take();
    assert.equal(bucket.take(), false);
    nowMs = 100;
    assert.equal(bucket.take(), true);
    assert.equal(bucket.take(), false);
    nowMs = 10_000;
    assert.deepEqual([bucket.take(), bucket.take(), bucket.take()], [true, true, false]);
  });
});

describe('TokenBucket charged by cost', () => {
  it('refuses one expensive message that a burst of cheap ones would pass', () => {
    let nowMs = 0;
    const bucket = new TokenBucket({ capacity: 1_000, refillPerSecond: 100 }, () => nowMs);
    assert.equal(bucket.take(600), true);
    assert.equal(bucket.take(600), false);
    assert.equal(bucket.take(400), true);
    nowMs = 2_000;
    assert.equal(bucket.take(200), true);
    assert.equal(bucket.take(1), false);
  });
});
