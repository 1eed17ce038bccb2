import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createLocalEmbedder } from '../../providers/local/embedder/embedder.ts';
import { LOCAL_EMBEDDER_CACHE_THRESHOLD } from '../thresholds.ts';
import { chooseThreshold, scorePairs } from './calibrate.ts';
import { CALIBRATION_PAIRS } from './pairs.ts';

const signal = new AbortController().signal;

describe('cache threshold calibration for the local embedder', () => {
  it('chooses the threshold that the cache uses by default', async () => {
    const calibration = chooseThreshold(
      await scorePairs(createLocalEmbedder(), CALIBRATION_PAIRS, signal),
    );
    assert.equal(calibration.threshold, LOCAL_EMBEDDER_CACHE_THRESHOLD);
  });

  it('lets no different question hit and most reworded ones hit at that threshold', async () => {
    const calibration = chooseThreshold(
      await scorePairs(createLocalEmbedder(), CALIBRATION_PAIRS, signal),
    );
    assert.equal(calibration.differentHitRate, 0);
    assert.ok(calibration.sameHitRate >= 0.9, `paraphrase hit rate ${calibration.sameHitRate}`);
  });

  it('places the threshold just above the closest different pair', () => {
    const calibration = chooseThreshold([
      { a: 'x', b: 'y', same: false, similarity: 0.5, sameKind: true },
      { a: 'x', b: 'z', same: false, similarity: 0.9, sameKind: false },
      { a: 'x', b: 'w', same: true, similarity: 0.7, sameKind: true },
    ]);
    assert.equal(calibration.threshold, 0.52);
    assert.equal(calibration.sameHitRate, 1);
  });
});
