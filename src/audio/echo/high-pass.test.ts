import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createHighPass } from './high-pass.ts';

const RATE = 16_000;

function tone(hz: number, samples: number, amplitude = 10_000): Int16Array {
  return Int16Array.from({ length: samples }, (_, i) =>
    Math.round(amplitude * Math.sin((2 * Math.PI * hz * i) / RATE)),
  );
}

/** Output level over input level, dB, after the filter has settled (the first 0.25 s dropped). */
function gainDb(hz: number, order?: number): number {
  const filter = createHighPass({ sampleRate: RATE, cutoffHz: 150, ...(order && { order }) });
  const input = tone(hz, RATE);
  const output = new Int16Array(input.length);
  // In 10 ms frames, as the canceller calls it: the state carries across calls.
  for (let at = 0; at < input.length; at += 160)
    filter.process(input.subarray(at, at + 160), output.subarray(at, at + 160));
  const power = (x: Int16Array) => x.subarray(RATE / 4).reduce((sum, v) => sum + v * v, 0);
  return 10 * Math.log10(power(output) / power(input));
}

describe('high-pass filter', () => {
  it('is 3 dB down at its cutoff and falls 24 dB an octave below for order 4', () => {
    assert.ok(Math.abs(gainDb(150) + 3) < 0.3, `at 150 Hz: ${gainDb(150).toFixed(2)} dB`);
    assert.ok(Math.abs(gainDb(75) + 24.1) < 0.5, `at 75 Hz: ${gainDb(75).toFixed(2)} dB`);
  });

  it('passes speech frequencies within half a dB', () => {
    for (const hz of [300, 1_000, 3_000])
      assert.ok(Math.abs(gainDb(hz)) < 0.5, `at ${hz} Hz: ${gainDb(hz).toFixed(2)} dB`);
  });

  it('falls 12 dB an octave below the cutoff for order 2', () => {
    assert.ok(Math.abs(gainDb(75, 2) + 12.3) < 0.5, `at 75 Hz: ${gainDb(75, 2).toFixed(2)} dB`);
  });

  it('filters in place and starts over after reset', () => {
    const filter = createHighPass({ sampleRate: RATE, cutoffHz: 150 });
    const first = tone(440, 320);
    const copy = first.slice();
    const into = new Int16Array(first.length);
    filter.process(first, into);
    filter.reset();
    filter.process(copy, copy);
    assert.deepEqual(copy, into);
  });

  it('refuses an odd order or a cutoff outside the band, with a RangeError', () => {
    assert.throws(() => createHighPass({ sampleRate: RATE, cutoffHz: 150, order: 3 }), RangeError);
    assert.throws(() => createHighPass({ sampleRate: RATE, cutoffHz: 8_000 }), RangeError);
    assert.throws(() => createHighPass({ sampleRate: RATE, cutoffHz: 0 }), RangeError);
  });
});
