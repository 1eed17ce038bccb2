import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { rmsDbfs } from './level.ts';
import { sine } from './test-signals.ts';

describe('rmsDbfs', () => {
  it('reads a full-scale sine at about -3 dBFS', () => {
    assert.ok(Math.abs(rmsDbfs(sine(1000, 16000, 16000, 1)) + 3.01) < 0.05);
  });

  it('drops by 6 dB when the amplitude halves', () => {
    const full = rmsDbfs(sine(500, 16000, 16000, 0.8));
    const half = rmsDbfs(sine(500, 16000, 16000, 0.4));
    assert.ok(Math.abs(full - half - 6.02) < 0.05);
  });

  it('returns -Infinity for silence and for an empty input', () => {
    assert.equal(rmsDbfs(new Int16Array(100)), -Infinity);
    assert.equal(rmsDbfs(new Int16Array(0)), -Infinity);
  });
});
