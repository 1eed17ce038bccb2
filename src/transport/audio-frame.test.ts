import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeAudioFrame, encodeAudioFrame } from './audio-frame.ts';

const limits = { sampleRate: 16_000, maxFrameMs: 100 };

describe('audio frames', () => {
  it('round-trips samples through the little-endian wire format', () => {
    const samples = Int16Array.from([0, 1, -1, 32767, -32768, 1234]);
    const decoded = decodeAudioFrame(encodeAudioFrame(samples), limits);
    assert.ok(decoded.ok);
    assert.deepEqual(Array.from(decoded.chunk.samples), Array.from(samples));
    assert.equal(decoded.chunk.sampleRate, 16_000);
  });

  it('decodes a frame that starts at an odd byte offset', () => {
    const backing = new Uint8Array(5);
    backing.set([0x34, 0x12, 0xff, 0xff], 1);
    const decoded = decodeAudioFrame(backing.subarray(1), limits);
    assert.ok(decoded.ok);
    assert.deepEqual(Array.from(decoded.chunk.samples), [0x1234, -1]);
  });

  it('rejects empty, odd-length and over-long frames', () => {
    assert.equal(decodeAudioFrame(new Uint8Array(0), limits).ok, false);
    assert.equal(decodeAudioFrame(new Uint8Array(641), limits).ok, false);
    assert.equal(decodeAudioFrame(new Uint8Array(3202), limits).ok, false);
    assert.equal(decodeAudioFrame(new Uint8Array(3200), limits).ok, true);
  });
});
