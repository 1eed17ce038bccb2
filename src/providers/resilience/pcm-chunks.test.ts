import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PcmByteDecoder } from './pcm-chunks.ts';

describe('PcmByteDecoder', () => {
  it('carries an odd byte into the next chunk so no sample is torn', () => {
    const decoder = new PcmByteDecoder(16_000, 16_000);
    const bytes = new Uint8Array(new Int16Array([1, -2, 300]).buffer);
    const first = decoder.push(bytes.slice(0, 3));
    const second = decoder.push(bytes.slice(3));
    assert.deepEqual([...(first?.samples ?? [])], [1]);
    assert.deepEqual([...(second?.samples ?? [])], [-2, 300]);
  });

  it('resamples to the asked rate and keeps the duration over the stream', () => {
    const decoder = new PcmByteDecoder(24_000, 16_000);
    let samples = 0;
    for (let i = 0; i < 10; i++)
      samples += decoder.push(new Uint8Array(4_800))?.samples.length ?? 0;
    samples += decoder.flush()?.samples.length ?? 0;
    assert.ok(Math.abs(samples - 16_000) <= 2, `got ${samples}`);
  });
});
