import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { blockLevelDb, estimateDelay } from './delay-estimate.ts';
import { DEFAULT_DELAY_TRACKER } from './delay-tracker.ts';
import { FLOOR_DB, speechLikeEnvelope } from '../../testing/level-envelope.ts';

describe('estimateDelay', () => {
  it('finds the lag at which the near envelope repeats the far one', () => {
    const far = speechLikeEnvelope(500, 7);
    const near = far.map((_, k) => (k >= 37 ? far[k - 37]! - 9 : -80));
    const estimate = estimateDelay(far, near, 100);
    assert.equal(estimate?.lagBlocks, 37);
    assert.ok(estimate.correlation > 0.95);
  });

  it('reports a correlation the tracker rejects when the near end is unrelated to the far end', () => {
    const estimate = estimateDelay(speechLikeEnvelope(500, 7), speechLikeEnvelope(500, 99), 100);
    assert.ok(
      estimate !== undefined && estimate.correlation < DEFAULT_DELAY_TRACKER.minCorrelation,
      `got ${estimate?.correlation}`,
    );
  });

  it('gives no estimate for a window shorter than the lag range', () => {
    assert.equal(
      estimateDelay(speechLikeEnvelope(50, 1), speechLikeEnvelope(50, 2), 100),
      undefined,
    );
  });

  it('gives no estimate when the near end is flat', () => {
    assert.equal(
      estimateDelay(speechLikeEnvelope(300, 1), new Array<number>(300).fill(FLOOR_DB), 100),
      undefined,
    );
  });

  it('measures block levels in dB of full scale, floored for silence', () => {
    assert.equal(blockLevelDb(new Int16Array(64), 0, 64), -80);
    assert.ok(Math.abs(blockLevelDb(new Int16Array(64).fill(16384), 0, 64) - -6.02) < 0.01);
  });
});
