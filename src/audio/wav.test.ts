import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AudioFormatError } from '../spec/errors.ts';
import { encodeWav, parseWav } from './wav.ts';

interface Chunk {
  readonly id: string;
  readonly body: Uint8Array;
  readonly declaredSize?: number;
}

function riff(chunks: readonly Chunk[]): Uint8Array {
  const parts: number[] = [...Buffer.from('RIFF'), 0, 0, 0, 0, ...Buffer.from('WAVE')];
  for (const chunk of chunks) {
    const size = chunk.declaredSize ?? chunk.body.length;
    parts.push(
      ...Buffer.from(chunk.id),
      size & 0xff,
      (size >> 8) & 0xff,
      (size >> 16) & 0xff,
      (size >>> 24) & 0xff,
    );
    parts.push(...chunk.body);
    if (chunk.body.length % 2 === 1) parts.push(0);
  }
  return Uint8Array.from(parts);
}

function fmt(format: number, channels: number, sampleRate: number, bits: number): Chunk {
  const body = new Uint8Array(16);
  const view = new DataView(body.buffer);
  view.setUint16(0, format, true);
  view.setUint16(2, channels, true);
  view.setUint32(4, sampleRate, true);
  view.setUint32(8, (sampleRate * channels * bits) / 8, true);
  view.setUint16(12, (channels * bits) / 8, true);
  view.setUint16(14, bits, true);
  return { id: 'fmt ', body };
}

const int16Data = (values: number[]): Uint8Array => new Uint8Array(Int16Array.from(values).buffer);
const float32Data = (values: number[]): Uint8Array =>
  new Uint8Array(Float32Array.from(values).buffer);

describe('wav', () => {
  it('reads back what encodeWav wrote', () => {
    const samples = Int16Array.of(0, 1, -1, 32767, -32768, 1234);
    const parsed = parseWav(encodeWav(samples, 22050));
    assert.equal(parsed.sampleRate, 22050);
    assert.equal(parsed.channels, 1);
    assert.deepEqual(parsed.samples, samples);
  });

  it('writes a canonical 44-byte header', () => {
    const bytes = encodeWav(new Int16Array(10), 16000);
    assert.equal(bytes.length, 64);
    assert.equal(Buffer.from(bytes.subarray(36, 40)).toString(), 'data');
  });

  it('averages stereo channels into mono', () => {
    const wav = riff([fmt(1, 2, 8000, 16), { id: 'data', body: int16Data([100, 300, -50, 50]) }]);
    const parsed = parseWav(wav);
    assert.equal(parsed.channels, 2);
    assert.deepEqual(Array.from(parsed.samples), [200, 0]);
  });

  it('converts 32-bit float samples to PCM16 with clamping', () => {
    const wav = riff([fmt(3, 1, 48000, 32), { id: 'data', body: float32Data([0.5, -1, 2]) }]);
    assert.deepEqual(Array.from(parseWav(wav).samples), [16384, -32768, 32767]);
  });

  it('skips unknown chunks, including odd-sized ones with a pad byte', () => {
    const wav = riff([
      { id: 'LIST', body: Uint8Array.of(1, 2, 3) },
      fmt(1, 1, 16000, 16),
      { id: 'fact', body: Uint8Array.of(0, 0, 0, 0) },
      { id: 'data', body: int16Data([7, 8]) },
    ]);
    assert.deepEqual(Array.from(parseWav(wav).samples), [7, 8]);
  });

  it('reads a streamed WAV whose data size claims more bytes than exist', () => {
    const wav = riff([
      fmt(1, 1, 22050, 16),
      { id: 'data', body: int16Data([5, 6, 7]), declaredSize: 0xffffffff },
    ]);
    assert.deepEqual(Array.from(parseWav(wav).samples), [5, 6, 7]);
  });

  it('reads the real format from a WAVE_FORMAT_EXTENSIBLE header', () => {
    const body = new Uint8Array(40);
    body.set(fmt(1, 1, 16000, 16).body);
    const view = new DataView(body.buffer);
    view.setUint16(0, 0xfffe, true);
    view.setUint16(16, 22, true);
    view.setUint16(24, 1, true);
    const wav = riff([
      { id: 'fmt ', body },
      { id: 'data', body: int16Data([9]) },
    ]);
    assert.deepEqual(Array.from(parseWav(wav).samples), [9]);
  });

  it('rejects bytes that are not a RIFF/WAVE file', () => {
    assert.throws(() => parseWav(Buffer.from('hello world, not audio')), AudioFormatError);
  });

  it('rejects 8-bit PCM with a message naming what is supported', () => {
    const wav = riff([fmt(1, 1, 8000, 8), { id: 'data', body: Uint8Array.of(128, 128) }]);
    assert.throws(
      () => parseWav(wav),
      (error: unknown) => {
        assert.ok(error instanceof AudioFormatError);
        assert.match(error.message, /16-bit PCM and 32-bit float/);
        return true;
      },
    );
  });

  it('rejects a file without a data chunk', () => {
    assert.throws(() => parseWav(riff([fmt(1, 1, 8000, 16)])), /no data chunk/);
  });
});
