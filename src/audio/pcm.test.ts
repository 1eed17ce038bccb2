import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AudioFormatError } from '../spec/errors.ts';
import { bytesToInt16, concatInt16, float32ToInt16, int16ToBytes, int16ToFloat32 } from './pcm.ts';

describe('pcm', () => {
  it('maps int16 to floats by dividing by 32768', () => {
    assert.deepEqual(Array.from(int16ToFloat32(Int16Array.of(-32768, 0, 16384))), [-1, 0, 0.5]);
  });

  it('clamps floats outside [-1, 1] to the int16 range', () => {
    assert.deepEqual(
      Array.from(float32ToInt16(Float32Array.of(-2, 1.5, 0.5))),
      [-32768, 32767, 16384],
    );
  });

  it('round-trips int16 through float32 exactly', () => {
    const samples = Int16Array.of(-32768, -1234, -1, 0, 1, 999, 32767);
    assert.deepEqual(float32ToInt16(int16ToFloat32(samples)), samples);
  });

  it('reads little-endian bytes into samples', () => {
    assert.deepEqual(
      Array.from(bytesToInt16(Uint8Array.of(0x01, 0x00, 0xff, 0xff, 0x00, 0x80))),
      [1, -1, -32768],
    );
  });

  it('copies bytes that start at an odd offset instead of throwing', () => {
    const backing = Uint8Array.of(0xaa, 0x02, 0x00, 0x03, 0x00);
    const samples = bytesToInt16(backing.subarray(1));
    assert.deepEqual(Array.from(samples), [2, 3]);
  });

  it('rejects an odd byte length with AudioFormatError', () => {
    assert.throws(() => bytesToInt16(Uint8Array.of(1, 2, 3)), AudioFormatError);
  });

  it('writes samples as little-endian bytes that read back the same', () => {
    const samples = Int16Array.of(258, -2, 32767);
    const bytes = int16ToBytes(samples);
    assert.deepEqual(Array.from(bytes), [0x02, 0x01, 0xfe, 0xff, 0xff, 0x7f]);
    assert.deepEqual(bytesToInt16(bytes.slice()), samples);
  });

  it('joins parts in order, empty parts and no parts included', () => {
    const joined = concatInt16([Int16Array.of(1, 2), new Int16Array(0), Int16Array.of(-3)]);
    assert.deepEqual(Array.from(joined), [1, 2, -3]);
    assert.equal(concatInt16([]).length, 0);
  });
});
