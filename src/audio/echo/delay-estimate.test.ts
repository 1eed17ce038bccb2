import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { blockLevelDb, estimateDelay } from './delay-estimate.ts';
import { DEFAULT_DELAY_TRACKER } from './delay-tracker.ts';

/** A speech-like envelope: bursts of different lengths and levels over a floor. */
function envelope(length: number, seed: number): number[] {
  let state = seed;
  const random = () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
  const out: number[] = [];
  while (out.length < length) {
    const level = -20 - 20 * random();
    for (let i = Math.floor(5 + 30 * random()); i > 0; i--) out.push(level + 3 * random());
    for (let i = Math.floor(2 + 15 * random()); i > 0; i--) out.push(-80);
  }
  return out.slice(0, length);
}

describe('estimateDelay', () => {
  it('finds the lag at which the near envelope repeats the far one', () => {
    const far = envelope(500, 7);
    const near = far.map((_, k) => (k >= 37 ? far[k - 37]! - 9 : -80));
    const estimate = estimateDelay(far, near, 100);
    assert.equal(estimate?.lagBlocks, 37);
    assert.ok(estimate.correlation > 0.95);
  });

  it('reports a correlation the tracker rejects when the near end is unrelated to the far end', () => {
    const estimate = estimateDelay(envelope(500, 7), envelope(500, 99), 100);
    assert.ok(
      estimate !== undefined && estimate.correlation < DEFAULT_DELAY_TRACKER.minCorrelation,
      `got ${estimate?.correlation}`,
    );
  });

  it('gives no estimate for a window shorter than the lag range', () => {
    assert.equal(estimateDelay(envelope(50, 1), envelope(50, 2), 100), undefined);
  });

  it('gives no estimate when the near end is flat', () => {
    assert.equal(estimateDelay(envelope(300, 1), new Array<number>(300).fill(-80), 100), undefined);
  });

  it('measures block levels in dB of full scale, floored for silence', () => {
    assert.equal(blockLevelDb(new Int16Array(64), 0, 64), -80);
    assert.ok(Math.abs(blockLevelDb(new Int16Array(64).fill(16384), 0, 64) - -6.02) < 0.01);
  });
});
