import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bandEdges, createBandEnvelope, createFft, DEFAULT_BANDS } from './band-envelope.ts';

const RATE = 16_000;
const FRAME = 160;

function sine(hz: number, amplitude: number, from: number, length = FRAME): Int16Array {
  return Int16Array.from({ length }, (_, i) =>
    Math.round(amplitude * Math.sin((2 * Math.PI * hz * (from + i)) / RATE)),
  );
}

describe('band envelopes', () => {
  const options = { ...DEFAULT_BANDS, sampleRate: RATE, frameSize: FRAME };

  it('puts a tone in the band that holds its frequency, and almost nothing elsewhere', () => {
    const envelope = createBandEnvelope(options);
    envelope.push(sine(1_000, 10_000, 0));
    const bands = envelope.push(sine(1_000, 10_000, FRAME));
    const edges = bandEdges(options, 512);
    const binHz = RATE / 512;
    const band = edges.findIndex(
      (edge, b) => edge * binHz <= 1_000 && edges[b + 1]! * binHz > 1_000,
    );
    const loudest = bands.indexOf(Math.max(...bands));
    assert.equal(loudest, band);
    for (let b = 0; b < bands.length; b++)
      if (Math.abs(b - band) > 1)
        assert.ok(bands[b]! < bands[band]! / 10, `band ${b}: ${bands[b]}`);
  });

  it('reads a full-scale tone near 1 and a tone 30 dB down near 1/10 (the cube root of power)', () => {
    const loud = createBandEnvelope(options);
    const quiet = createBandEnvelope(options);
    loud.push(sine(1_000, 32_767, 0));
    quiet.push(sine(1_000, 1_036, 0));
    const sum = (bands: Float64Array) => Math.cbrt(bands.reduce((s, v) => s + v ** 3, 0));
    const full = sum(loud.push(sine(1_000, 32_767, FRAME)));
    const down = sum(quiet.push(sine(1_000, 1_036, FRAME)));
    assert.ok(full > 0.8 && full < 1.2, `full scale: ${full}`);
    assert.ok(Math.abs(down / full - 0.1) < 0.01, `30 dB down: ${down / full}`);
  });

  it('refuses a frame of the wrong length', () => {
    assert.throws(() => createBandEnvelope(options).push(new Int16Array(80)), RangeError);
  });

  it('fits 16 bands below the Nyquist frequency at 8 kHz', () => {
    const edges = bandEdges({ ...options, sampleRate: 8_000 }, 256);
    assert.equal(edges.length, 17);
    assert.ok(edges[16]! <= 129);
    for (let b = 0; b < 16; b++) assert.ok(edges[b + 1]! > edges[b]!);
  });
});

describe('the FFT', () => {
  it('finds a cosine at its bin with half its length times its amplitude', () => {
    const re = Float64Array.from(
      { length: 64 },
      (_, i) => 3 * Math.cos((2 * Math.PI * 5 * i) / 64),
    );
    const im = new Float64Array(64);
    createFft(64)(re, im);
    assert.ok(Math.abs(re[5]! - 96) < 1e-9);
    assert.ok(Math.abs(re[59]! - 96) < 1e-9);
    assert.ok(Math.abs(re[4]!) < 1e-9 && Math.abs(im[5]!) < 1e-9);
  });

  it('refuses a length that is not a power of two', () => {
    assert.throws(() => createFft(48), RangeError);
  });
});
