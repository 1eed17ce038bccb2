import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { rmsDbfs } from './level.ts';
import { concatInt16 } from './pcm.ts';
import { createResampler, resample } from './resample.ts';
import { noise, sine } from './test-signals.ts';

const PAIRS: ReadonlyArray<readonly [number, number]> = [
  [22050, 16000],
  [22050, 24000],
  [16000, 24000],
  [48000, 16000],
  [8000, 16000],
  [24000, 16000],
  [16000, 8000],
];

/** Level in dBFS of the part of `samples` at `frequencyHz` (Goertzel), ignoring the edges. */
function toneDbfs(samples: Int16Array, sampleRate: number, frequencyHz: number): number {
  const body = samples.subarray(200, samples.length - 200);
  const coefficient = 2 * Math.cos((2 * Math.PI * frequencyHz) / sampleRate);
  let previous = 0;
  let beforePrevious = 0;
  for (const sample of body) {
    const current = sample + coefficient * previous - beforePrevious;
    beforePrevious = previous;
    previous = current;
  }
  const power = previous ** 2 + beforePrevious ** 2 - coefficient * previous * beforePrevious;
  const amplitude = (2 * Math.sqrt(power)) / body.length;
  return 20 * Math.log10(amplitude / 32768 / Math.SQRT2);
}

describe('resample', () => {
  it('produces ceil(length * toRate / fromRate) samples for every common pair', () => {
    for (const [fromRate, toRate] of PAIRS) {
      for (const length of [0, 1, 441, 1000, 22051]) {
        const expected = Math.ceil((length * toRate) / fromRate);
        assert.equal(
          resample(new Int16Array(length), fromRate, toRate).length,
          expected,
          `${fromRate}→${toRate} × ${length}`,
        );
      }
    }
  });

  it('keeps a 1 kHz tone at the same level within 0.2 dB for every common pair', () => {
    for (const [fromRate, toRate] of PAIRS) {
      const input = sine(1000, fromRate, fromRate / 2);
      const before = toneDbfs(input, fromRate, 1000);
      const after = toneDbfs(resample(input, fromRate, toRate), toRate, 1000);
      assert.ok(Math.abs(before - after) < 0.2, `${fromRate}→${toRate}: ${before} vs ${after}`);
    }
  });

  it('removes a tone above the new Nyquist frequency instead of aliasing it (48000→16000)', () => {
    const input = sine(11000, 48000, 24000);
    // Away from the switch-on transient at the edges; 11 kHz would fold to 5 kHz.
    const output = resample(input, 48000, 16000).subarray(200, -200);
    assert.ok(rmsDbfs(output) < rmsDbfs(input) - 80, `output at ${rmsDbfs(output)} dBFS`);
  });

  it('removes a tone above the new Nyquist frequency when going 22050→16000', () => {
    const input = sine(9500, 22050, 22050);
    const output = resample(input, 22050, 16000).subarray(200, -200);
    assert.ok(rmsDbfs(output) < rmsDbfs(input) - 80, `output at ${rmsDbfs(output)} dBFS`);
  });

  it('keeps constant input constant away from the edges', () => {
    const output = resample(new Int16Array(4000).fill(1000), 22050, 16000);
    for (let i = 100; i < output.length - 100; i++) assert.equal(output[i], 1000);
  });

  it('returns a copy when the rates are equal', () => {
    const input = Int16Array.of(1, 2, 3);
    const output = resample(input, 16000, 16000);
    assert.deepEqual(output, input);
    assert.notEqual(output.buffer, input.buffer);
  });

  it('gives the same output for chunked input as for one-shot input on every common pair', () => {
    const input = noise(9000);
    const chunkSizes = [1, 7, 160, 441, 1024];
    for (const [fromRate, toRate] of PAIRS) {
      const oneShot = resample(input, fromRate, toRate);
      const resampler = createResampler(fromRate, toRate);
      const parts: Int16Array[] = [];
      let offset = 0;
      for (let i = 0; offset < input.length; i++) {
        const size = chunkSizes[i % chunkSizes.length]!;
        parts.push(resampler.push(input.subarray(offset, offset + size)));
        offset += size;
      }
      parts.push(resampler.flush());
      assert.deepEqual(concatInt16(parts), oneShot, `${fromRate}→${toRate}`);
    }
  });

  it('starts over after flush so a resampler can be reused', () => {
    const input = noise(3000, 7);
    const resampler = createResampler(16000, 24000);
    resampler.push(noise(500, 3));
    resampler.flush();
    const reused = concatInt16([resampler.push(input), resampler.flush()]);
    assert.deepEqual(reused, resample(input, 16000, 24000));
  });

  it('rejects rates that are not positive integers', () => {
    assert.throws(() => createResampler(0, 16000), RangeError);
    assert.throws(() => createResampler(16000, 22050.5), RangeError);
  });
});

describe('shared resampler filters', () => {
  it('builds the filter for a rate pair once and shares it between resamplers', async () => {
    const { sharedPolyphaseFilter } = await import('./sinc-filter.ts');
    const first = sharedPolyphaseFilter(3, 2);
    assert.equal(sharedPolyphaseFilter(3, 2), first);
    assert.equal(first.phase(1), sharedPolyphaseFilter(3, 2).phase(1));
    const a = createResampler(16_000, 24_000).push(new Int16Array(320).fill(1000));
    const b = createResampler(16_000, 24_000).push(new Int16Array(320).fill(1000));
    assert.deepEqual(a, b);
  });
});
