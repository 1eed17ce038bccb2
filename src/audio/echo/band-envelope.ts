/**
 * Short-time band envelopes (pure): for each 10 ms frame, the energies of a few bands between
 * 200 and 4000 Hz over a Hann window of the last two frames (20 ms), as their cube roots (a
 * loudness-like compression, 0..1 of a full-scale sine). They are what the envelope coherence
 * (envelope-coherence.ts) lines up between the microphone and the far end: the room changes
 * each band's gain, not how its energy rises and falls. Cube roots, not dB: on the first reply
 * of six rooms (the conditions), echo alone read 0.81 at its 1st percentile and a
 * person talking over it 0.61 at the median; in dB (floored at -80 or -60 dB) the echo's 1st
 * percentile was 0.53-0.57 and the person's median 0.58-0.59: the floor's silences, the noise
 * under the echo, weigh as much as speech.
 */
export interface BandEnvelopeOptions {
  readonly sampleRate: number;
  /** Samples per frame (10 ms). */
  readonly frameSize: number;
  readonly bands: number;
  readonly lowHz: number;
  readonly highHz: number;
}

export const DEFAULT_BANDS = { bands: 16, lowHz: 200, highHz: 4_000 } as const;

export interface BandEnvelope {
  /** The band envelopes of the last two frames, `frame` the newest (a new array each time). */
  push(frame: Int16Array): Float64Array;
}

export function createBandEnvelope(options: BandEnvelopeOptions): BandEnvelope {
  const { frameSize, bands } = options;
  const windowSize = 2 * frameSize;
  let fftSize = 1;
  while (fftSize < windowSize) fftSize *= 2;
  const hann = Float64Array.from(
    { length: windowSize },
    (_, i) => 0.5 - 0.5 * Math.cos((2 * Math.PI * (i + 0.5)) / windowSize),
  );
  const edges = bandEdges(options, fftSize);
  const fft = createFft(fftSize);
  const previous = new Float64Array(frameSize);
  const re = new Float64Array(fftSize);
  const im = new Float64Array(fftSize);
  // Energy of a full-scale sine through the window: a band's level is relative to it.
  const scale = 1 / ((32768 * 32768 * windowSize * windowSize) / 8);
  return {
    push(frame) {
      if (frame.length !== frameSize)
        throw new RangeError(`a band envelope frame is ${frameSize} samples, got ${frame.length}`);
      re.fill(0);
      im.fill(0);
      for (let i = 0; i < frameSize; i++) {
        re[i] = previous[i]! * hann[i]!;
        re[frameSize + i] = frame[i]! * hann[frameSize + i]!;
        previous[i] = frame[i]!;
      }
      fft(re, im);
      const out = new Float64Array(bands);
      for (let b = 0; b < bands; b++) {
        let power = 0;
        for (let k = edges[b]!; k < edges[b + 1]!; k++) power += re[k]! ** 2 + im[k]! ** 2;
        out[b] = Math.cbrt(power * scale);
      }
      return out;
    },
  };
}

/** FFT bin edges of `bands` log-spaced bands (each at least one bin wide, none past Nyquist). */
export function bandEdges(
  options: Pick<BandEnvelopeOptions, 'sampleRate' | 'bands' | 'lowHz' | 'highHz'>,
  fftSize: number,
): number[] {
  const { sampleRate, bands, lowHz } = options;
  const highHz = Math.min(options.highHz, sampleRate / 2);
  const binHz = sampleRate / fftSize;
  const edges: number[] = [];
  for (let b = 0; b <= bands; b++) {
    const hz = lowHz * (highHz / lowHz) ** (b / bands);
    const bin = Math.round(hz / binHz);
    edges.push(Math.max(bin, (edges[b - 1] ?? bin - 1) + 1));
  }
  const last = Math.floor(fftSize / 2);
  if (edges[bands]! > last + 1)
    throw new RangeError(`${bands} bands do not fit below ${highHz} Hz at ${fftSize} points`);
  return edges;
}

/** A radix-2 complex FFT in place, of one length (a power of two), its twiddles computed once. */
export function createFft(size: number): (re: Float64Array, im: Float64Array) => void {
  if (size < 2 || (size & (size - 1)) !== 0)
    throw new RangeError(`an FFT length is a power of two, got ${size}`);
  const cos = Float64Array.from({ length: size / 2 }, (_, k) =>
    Math.cos((-2 * Math.PI * k) / size),
  );
  const sin = Float64Array.from({ length: size / 2 }, (_, k) =>
    Math.sin((-2 * Math.PI * k) / size),
  );
  return (re, im) => {
    if (re.length !== size || im.length !== size)
      throw new RangeError(`this FFT takes ${size} points, got ${re.length} and ${im.length}`);
    for (let i = 1, j = 0; i < size; i++) {
      let bit = size >> 1;
      for (; j & bit; bit >>= 1) j ^= bit;
      j ^= bit;
      if (i < j) {
        [re[i], re[j]] = [re[j]!, re[i]!];
        [im[i], im[j]] = [im[j]!, im[i]!];
      }
    }
    for (let span = 2; span <= size; span *= 2) {
      const stride = size / span;
      const half = span / 2;
      for (let start = 0; start < size; start += span)
        for (let k = 0; k < half; k++) {
          const wr = cos[k * stride]!;
          const wi = sin[k * stride]!;
          const a = start + k;
          const b = a + half;
          const tr = re[b]! * wr - im[b]! * wi;
          const ti = re[b]! * wi + im[b]! * wr;
          re[b] = re[a]! - tr;
          im[b] = im[a]! - ti;
          re[a] = re[a]! + tr;
          im[a] = im[a]! + ti;
        }
    }
  };
}
