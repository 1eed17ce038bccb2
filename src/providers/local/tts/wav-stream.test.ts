import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { encodeWav } from '../../../audio/wav.ts';
import { AudioFormatError } from '../../../spec/errors.ts';
import { WavStreamDecoder } from './wav-stream.ts';

describe('WavStreamDecoder', () => {
  it('decodes a WAV split at every awkward byte boundary into the same samples', () => {
    const samples = Int16Array.from([0, 1, -1, 32767, -32768, 1234, -4321]);
    const bytes = encodeWav(samples, 22_050);
    for (const step of [1, 3, 7, 45]) {
      const decoder = new WavStreamDecoder();
      const out: number[] = [];
      for (let at = 0; at < bytes.length; at += step)
        out.push(...decoder.push(bytes.subarray(at, at + step)));
      assert.deepEqual(out, Array.from(samples), `step ${step}`);
      assert.equal(decoder.sampleRate, 22_050);
    }
  });

  it('ignores a data size field that claims more than arrives', () => {
    const bytes = encodeWav(Int16Array.from([5, 6]), 16_000);
    new DataView(bytes.buffer).setUint32(40, 0x7fffffff, true);
    assert.deepEqual(Array.from(new WavStreamDecoder().push(bytes)), [5, 6]);
  });

  it('rejects bytes that are not a WAV stream', () => {
    assert.throws(
      () => new WavStreamDecoder().push(new TextEncoder().encode('hello world!!')),
      AudioFormatError,
    );
  });
});
