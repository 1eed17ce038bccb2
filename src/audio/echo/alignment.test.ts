import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { chooseFeedDelayMs } from './alignment.ts';

const base = { currentMs: 0, marginMs: 40, hysteresisMs: 15 };

describe('chooseFeedDelayMs', () => {
  it('feeds the far end a margin below the estimated delay', () => {
    assert.equal(chooseFeedDelayMs({ ...base, estimateMs: 200 }), 160);
  });

  it('keeps the current feed delay for small moves of the estimate', () => {
    assert.equal(chooseFeedDelayMs({ ...base, currentMs: 160, estimateMs: 210 }), 160);
  });

  it('never feeds the far end from the future', () => {
    assert.equal(chooseFeedDelayMs({ ...base, currentMs: 50, estimateMs: 10 }), 0);
  });

  it('keeps the current feed delay when nothing is known', () => {
    assert.equal(chooseFeedDelayMs({ ...base, currentMs: 30, estimateMs: undefined }), 30);
  });
});
