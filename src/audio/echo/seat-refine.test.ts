import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  DEFAULT_SEAT_REFINE,
  emptyGathered,
  estimateShift,
  gather,
  refineWindow,
} from './seat-refine.ts';
import { createSeatRefiner } from './seat-refiner.ts';

const FRAME = 160;

/** Deterministic noise below about a third of the sample rate (speech-like in band). */
function farEnd(length: number, seed = 7): Float64Array {
  let state = seed;
  const random = () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31 - 0.5;
  };
  const white = Float64Array.from({ length: length + 2 }, random);
  return Float64Array.from(
    { length },
    (_, i) => 8_000 * (white[i]! + white[i + 1]! + white[i + 2]!),
  );
}

/** `x` delayed by `shift` samples (a fraction allowed), by windowed-sinc interpolation. */
function delayed(x: Float64Array, shift: number): Float64Array {
  const out = new Float64Array(x.length);
  for (let t = 0; t < x.length; t++) {
    let acc = 0;
    const at = t - shift;
    for (let j = Math.floor(at) - 31; j <= Math.floor(at) + 32; j++) {
      if (j < 0 || j >= x.length) continue;
      const u = at - j;
      const sinc = u === 0 ? 1 : Math.sin(Math.PI * u) / (Math.PI * u);
      const w = 0.42 + 0.5 * Math.cos((Math.PI * u) / 32) + 0.08 * Math.cos((2 * Math.PI * u) / 32);
      acc += x[j]! * sinc * w;
    }
    out[t] = acc;
  }
  return out;
}

/** A room: direct sound at 300 samples, a reflection and a decaying tail. */
function path(): Float64Array {
  const h = new Float64Array(800);
  h[300] = 0.7;
  h[301] = 0.3;
  h[340] = -0.25;
  for (let k = 360; k < 800; k++) h[k] = 0.05 * Math.exp(-(k - 360) / 80) * Math.sin(k);
  return h;
}

function convolve(x: Float64Array, h: Float64Array): Int16Array {
  return Int16Array.from({ length: x.length }, (_, t) => {
    let acc = 0;
    for (let k = 0; k < h.length && k <= t; k++) acc += h[k]! * x[t - k]!;
    return Math.round(acc);
  });
}

/** The shift the estimate finds when the echo comes `shift` samples off the learnt path. */
function estimated(
  shift: number,
  person?: Float64Array,
  frames = DEFAULT_SEAT_REFINE.frames,
): number | undefined {
  const h = path();
  const x = farEnd(FRAME * (frames + 8));
  const echo = convolve(delayed(x, shift), h);
  const near = Int16Array.from(echo, (v, i) => v + Math.round(person?.[i] ?? 0));
  const xs = Int16Array.from(x, Math.round);
  const window = refineWindow(h);
  const gathered = emptyGathered(window);
  const far = new Int16Array(FRAME + window.lagCount - 1);
  for (let f = 6; f < 6 + frames; f++) {
    const from = f * FRAME - (window.fromLag + window.lagCount - 1);
    for (let j = 0; j < far.length; j++) far[j] = xs[from + j] ?? 0;
    gather(gathered, near.subarray(f * FRAME, (f + 1) * FRAME), far, window);
  }
  return estimateShift(h, gathered, window);
}

describe('seat refinement', () => {
  for (const shift of [-7.3, -0.5, 0, 2.25, 6.6])
    it(`measures an echo ${shift} samples off the learnt path to a tenth of a sample`, () => {
      const found = estimated(shift);
      assert.ok(found !== undefined && Math.abs(found - shift) < 0.1, `found ${found}`);
    });

  it('finds nothing when the echo lies farther off than it looks', () => {
    assert.equal(estimated(45), undefined);
  });

  it('finds nothing while a person talks louder than the echo', () => {
    const person = Float64Array.from(farEnd(FRAME * 28, 99), (v) => 3 * v);
    assert.equal(estimated(3, person), undefined);
  });

  it('gathers only frames in which the far end plays, and measures once', () => {
    const h = path();
    const refiner = createSeatRefiner(16_000, { ...DEFAULT_SEAT_REFINE, frames: 3 });
    const x = Int16Array.from(farEnd(FRAME * 20), Math.round);
    const near = convolve(Float64Array.from(x), h);
    const quiet = new Int16Array(FRAME);
    let reads = 0;
    const readFar = (back: number, into: Int16Array) => {
      reads++;
      for (let j = 0; j < into.length; j++) into[j] = x[10 * FRAME - back + j] ?? 0;
    };
    const frame = near.subarray(10 * FRAME, 11 * FRAME);
    const farFed = x.subarray(10 * FRAME, 11 * FRAME);
    assert.equal(refiner.addFrame(frame, farFed, readFar), undefined, 'before start');
    refiner.start(Int32Array.from(h, (v) => Math.round(v * 32_767)));
    assert.equal(refiner.addFrame(frame, quiet, readFar), undefined);
    assert.equal(reads, 0, 'a quiet far end is not gathered');
    assert.equal(refiner.addFrame(frame, farFed, readFar), undefined);
    assert.equal(refiner.addFrame(frame, farFed, readFar), undefined);
    assert.equal(typeof refiner.addFrame(frame, farFed, readFar), 'number');
    assert.equal(refiner.addFrame(frame, farFed, readFar), undefined, 'measured once');
    assert.equal(reads, 3);
  });

  it('drops a measurement under way when stopped', () => {
    const refiner = createSeatRefiner(16_000, { ...DEFAULT_SEAT_REFINE, frames: 1 });
    const x = Int16Array.from(farEnd(FRAME), Math.round);
    refiner.start(Int32Array.from(path(), (v) => Math.round(v * 32_767)));
    refiner.stop();
    assert.equal(
      refiner.addFrame(x, x, () => assert.fail('read after stop')),
      undefined,
    );
  });
});
