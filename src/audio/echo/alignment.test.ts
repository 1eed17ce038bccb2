import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { chooseFeedDelayMs } from './alignment.ts';

const base = { currentMs: 0, filterMs: 250, marginMs: 40, minLeadMs: 10, tailMs: 100 };

describe('chooseFeedDelayMs', () => {
  it('keeps the feed delay while the echo delay is within the filter reach', () => {
    assert.equal(chooseFeedDelayMs({ ...base, estimateMs: 60 }), 0);
    assert.equal(chooseFeedDelayMs({ ...base, currentMs: 100, estimateMs: 240 }), 100);
  });

  it('moves a margin below an echo delay beyond the reach, leaving room for the tail', () => {
    assert.equal(chooseFeedDelayMs({ ...base, estimateMs: 300 }), 260);
  });

  it('moves back when the echo would come before the reference', () => {
    assert.equal(chooseFeedDelayMs({ ...base, currentMs: 200, estimateMs: 150 }), 110);
  });

  it('never feeds the far end from the future', () => {
    assert.equal(chooseFeedDelayMs({ ...base, currentMs: 50, estimateMs: 5 }), 0);
  });

  it('keeps the current feed delay when nothing is known', () => {
    assert.equal(chooseFeedDelayMs({ ...base, currentMs: 30, estimateMs: undefined }), 30);
  });

  it('never feeds the far end less far back than the least it is given', () => {
    assert.equal(chooseFeedDelayMs({ ...base, currentMs: 50, estimateMs: 5, leastMs: 1 }), 1);
    assert.equal(chooseFeedDelayMs({ ...base, currentMs: 1, estimateMs: 5, leastMs: 1 }), 1);
    assert.equal(chooseFeedDelayMs({ ...base, currentMs: 1, estimateMs: 20, leastMs: 1 }), 1);
  });
});
