import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { percentile, round, summarize } from './stats.ts';

describe('bench stats', () => {
  it('takes percentiles by nearest rank whatever the input order', () => {
    const samples = [5, 1, 4, 2, 3, 10, 9, 8, 7, 6];
    assert.equal(percentile(samples, 50), 5);
    assert.equal(percentile(samples, 95), 10);
    assert.equal(percentile(samples, 10), 1);
  });

  it('summarises no samples as NaN rather than zero', () => {
    const summary = summarize([]);
    assert.equal(summary.count, 0);
    assert.ok(Number.isNaN(summary.p50));
  });

  it('rounds small figures to one decimal and large ones to whole numbers', () => {
    assert.equal(round(12.345), 12.3);
    assert.equal(round(1234.5), 1235);
  });
});
