import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BoxResampler } from '../../web/src/worklets/box-resampler.ts';
import { JitterQueue } from '../../web/src/worklets/jitter-queue.ts';

describe('BoxResampler (capture worklet)', () => {
  it('turns 48 kHz into 16 kHz by averaging each group of three samples', () => {
    const out: number[] = [];
    new BoxResampler(48_000, 16_000).push(Float32Array.from([0.3, 0.3, 0.3, -0.6, 0, 0]), (s) =>
      out.push(s),
    );
    assert.deepEqual(
      out.map((s) => Math.round(s * 10) / 10),
      [0.3, -0.2],
    );
  });

  it('keeps the long-run output rate for a fractional ratio', () => {
    let count = 0;
    const resampler = new BoxResampler(44_100, 16_000);
    for (let i = 0; i < 100; i++) resampler.push(new Float32Array(441), () => count++);
    assert.ok(Math.abs(count - 16_000) <= 1, `got ${count}`);
  });
});

describe('JitterQueue (playback worklet)', () => {
  it('stays silent until the prebuffer is full', () => {
    const queue = new JitterQueue(4);
    queue.push(1, Float32Array.from([0.5, 0.5]));
    const out = new Float32Array(2).fill(9);
    queue.read(out, () => assert.fail('nothing should play yet'));
    assert.deepEqual(Array.from(out), [0, 0]);
  });

  it('plays a short turn once it has ended, even below the prebuffer', () => {
    const queue = new JitterQueue(100);
    queue.push(1, Float32Array.from([0.5, 0.25]));
    queue.markEnded(1);
    const played: [number, number][] = [];
    const out = new Float32Array(3);
    queue.read(out, (turnId, count) => played.push([turnId, count]));
    assert.deepEqual(Array.from(out), [0.5, 0.25, 0]);
    assert.deepEqual(played, [[1, 2]]);
  });

  it('drops everything at once on clear', () => {
    const queue = new JitterQueue(1);
    queue.push(2, new Float32Array(480).fill(0.1));
    queue.clear();
    const out = new Float32Array(128);
    queue.read(out, () => assert.fail('flushed audio must not play'));
    assert.equal(queue.queuedSamples, 0);
  });
});
