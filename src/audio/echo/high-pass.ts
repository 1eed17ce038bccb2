/**
 * A Butterworth high-pass filter (pure but for its state): a cascade of second-order sections
 * (RBJ audio EQ cookbook biquads, Q per Butterworth pole pair), over 16-bit PCM in place or
 * into another buffer, one stream at a time.
 */
export interface HighPassOptions {
  readonly sampleRate: number;
  /** The -3 dB frequency, Hz. */
  readonly cutoffHz: number;
  /** Even order: 2 per section. Default 4. */
  readonly order?: number;
}

export interface HighPass {
  /** Filters `input` into `output` (same length; may be the same array), keeping its state. */
  process(input: Int16Array, output: Int16Array): void;
  /** Forgets the past (a new stream). */
  reset(): void;
}

interface Section {
  readonly b0: number;
  readonly b1: number;
  readonly b2: number;
  readonly a1: number;
  readonly a2: number;
  /** Transposed direct form II state. */
  z1: number;
  z2: number;
}

export function createHighPass(options: HighPassOptions): HighPass {
  const order = options.order ?? 4;
  if (!(order >= 2 && order % 2 === 0))
    throw new RangeError(`high-pass order must be even and at least 2, got ${order}`);
  if (!(options.cutoffHz > 0 && options.cutoffHz < options.sampleRate / 2))
    throw new RangeError(
      `high-pass cutoff must be between 0 and ${options.sampleRate / 2} Hz, got ${options.cutoffHz}`,
    );
  const w0 = (2 * Math.PI * options.cutoffHz) / options.sampleRate;
  const sections: Section[] = [];
  for (let k = 0; k < order / 2; k++) {
    // The Butterworth poles' Q: 1 / (2 cos θ) for θ = π (2k + 1) / (2 order).
    const q = 1 / (2 * Math.cos((Math.PI * (2 * k + 1)) / (2 * order)));
    const alpha = Math.sin(w0) / (2 * q);
    const cos = Math.cos(w0);
    const a0 = 1 + alpha;
    sections.push({
      b0: (1 + cos) / 2 / a0,
      b1: -(1 + cos) / a0,
      b2: (1 + cos) / 2 / a0,
      a1: (-2 * cos) / a0,
      a2: (1 - alpha) / a0,
      z1: 0,
      z2: 0,
    });
  }
  return {
    process(input, output) {
      for (let i = 0; i < input.length; i++) {
        let x = input[i]!;
        for (const s of sections) {
          const y = s.b0 * x + s.z1;
          s.z1 = s.b1 * x - s.a1 * y + s.z2;
          s.z2 = s.b2 * x - s.a2 * y;
          x = y;
        }
        output[i] = Math.max(-32768, Math.min(32767, Math.round(x)));
      }
    },
    reset() {
      for (const s of sections) {
        s.z1 = 0;
        s.z2 = 0;
      }
    },
  };
}
