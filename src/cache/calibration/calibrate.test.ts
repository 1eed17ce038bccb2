import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createLocalEmbedder } from '../../providers/local/embedder/embedder.ts';
import {
  defaultThresholdFor,
  LOCAL_EMBEDDER_CACHE_THRESHOLD,
  USE_LITE_CACHE_THRESHOLD,
} from '../thresholds.ts';
import { chooseThreshold, precisionRecallAt, scorePairs } from './calibrate.ts';
import { paraphrasePairs } from './paraphrase-groups.ts';
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

describe('the paraphrase pair set', () => {
  it('holds at least 300 labelled pairs, both kinds', () => {
    const pairs = paraphrasePairs();
    assert.ok(pairs.length >= 300, String(pairs.length));
    assert.ok(pairs.filter((pair) => !pair.same).length >= 100);
  });

  it('never labels a pair of identical texts', () => {
    assert.ok(paraphrasePairs().every((pair) => pair.a !== pair.b));
  });
});

describe('precisionRecallAt', () => {
  it('counts right hits over all hits and over all paraphrases, respecting the kind guard', () => {
    const result = precisionRecallAt(
      [
        { a: 'a', b: 'b', same: true, similarity: 0.9, sameKind: true },
        { a: 'a', b: 'c', same: true, similarity: 0.5, sameKind: true },
        { a: 'a', b: 'd', same: false, similarity: 0.95, sameKind: true },
        { a: 'a', b: 'e', same: false, similarity: 0.99, sameKind: false },
      ],
      0.8,
    );
    assert.deepEqual(result, { threshold: 0.8, precision: 0.5, recall: 0.5 });
  });
});

describe('default cache thresholds', () => {
  it('holds the USE-lite encoder to its own calibrated threshold', () => {
    assert.equal(
      defaultThresholdFor({ provider: 'local', model: 'use-lite-512' }),
      USE_LITE_CACHE_THRESHOLD,
    );
  });
});
