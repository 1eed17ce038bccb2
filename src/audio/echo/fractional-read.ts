import type { FarEndTimeline } from './far-end-timeline.ts';

/**
 * Reads the far end at a fractional near-clock position (pure but for its kernel cache):
 * band-limited interpolation with a Blackman-windowed sinc of `2 * halfTaps` taps. A client
 * reports its playback to the sample of its own rate (24 kHz and 48 kHz against a 16 kHz
 * microphone), so a reply plays up to half a microphone sample off any whole-sample seat: laid
 * there, the filter learnt on the last reply had to converge again (traced: echo read as a
 * person 1.3 s into 3 of 8 replies played 0.6-39.8 ms off the last, test/echo/reply-offsets).
 */
export interface FractionalReader {
  /** Copies the far end at positions `from + i` (fractional) into `out`. */
  read(timeline: FarEndTimeline, from: number, out: Int16Array): void;
}

/** A position this close to a whole sample is read as that sample. */
const WHOLE_EPSILON = 1e-3;

export function createFractionalReader(halfTaps = 16): FractionalReader {
  let kernelFraction = Number.NaN;
  const kernel = new Float64Array(2 * halfTaps);
  let buffer = new Int16Array(0);

  /** Taps for sample offsets k = 1 - halfTaps .. halfTaps around `from`'s whole part. */
  function setKernel(fraction: number): void {
    if (fraction === kernelFraction) return;
    let sum = 0;
    for (let j = 0; j < kernel.length; j++) {
      const t = j + 1 - halfTaps - fraction;
      const sinc = t === 0 ? 1 : Math.sin(Math.PI * t) / (Math.PI * t);
      const x = t / halfTaps;
      const window = 0.42 + 0.5 * Math.cos(Math.PI * x) + 0.08 * Math.cos(2 * Math.PI * x);
      kernel[j] = sinc * window;
      sum += kernel[j]!;
    }
    for (let j = 0; j < kernel.length; j++) kernel[j]! /= sum;
    kernelFraction = fraction;
  }

  return {
    read(timeline, from, out) {
      let whole = Math.floor(from);
      let fraction = from - whole;
      if (fraction > 1 - WHOLE_EPSILON) {
        whole += 1;
        fraction = 0;
      }
      if (fraction < WHOLE_EPSILON) {
        timeline.read(whole, out);
        return;
      }
      setKernel(fraction);
      const length = out.length + kernel.length - 1;
      if (buffer.length !== length) buffer = new Int16Array(length);
      timeline.read(whole + 1 - halfTaps, buffer);
      for (let i = 0; i < out.length; i++) {
        let acc = 0;
        for (let j = 0; j < kernel.length; j++) acc += kernel[j]! * buffer[i + j]!;
        out[i] = Math.max(-32768, Math.min(32767, Math.round(acc)));
      }
    },
  };
}
