/** Number of whole samples in `ms` milliseconds at `sampleRate` (rounded). */
export function samplesForMs(ms: number, sampleRate: number): number {
  return Math.round((ms * sampleRate) / 1000);
}

/** Duration in ms of `sampleCount` samples at `sampleRate`. */
export function durationMs(sampleCount: number, sampleRate: number): number {
  return (sampleCount * 1000) / sampleRate;
}

export interface FramerOptions {
  /** When true, `flush` zero-pads the remainder to a full frame. Default false: the remainder is returned short. */
  readonly padFinal?: boolean;
}

export interface Framer {
  /** Adds samples and returns every complete frame now available (each a fresh array). */
  push(samples: Int16Array): Int16Array[];
  /** Returns the leftover samples (short, or zero-padded with `padFinal`), or undefined when none; then starts empty. */
  flush(): Int16Array | undefined;
}

/** Re-cuts chunks of any size into frames of exactly `frameSamples` samples. */
export function createFramer(frameSamples: number, options: FramerOptions = {}): Framer {
  if (!Number.isInteger(frameSamples) || frameSamples <= 0) {
    throw new RangeError(`frameSamples must be a positive integer, got ${frameSamples}`);
  }
  let pending = new Int16Array(frameSamples);
  let filled = 0;

  return {
    push(samples) {
      const frames: Int16Array[] = [];
      let offset = 0;
      while (offset < samples.length) {
        const take = Math.min(frameSamples - filled, samples.length - offset);
        pending.set(samples.subarray(offset, offset + take), filled);
        filled += take;
        offset += take;
        if (filled === frameSamples) {
          frames.push(pending);
          pending = new Int16Array(frameSamples);
          filled = 0;
        }
      }
      return frames;
    },
    flush() {
      if (filled === 0) return undefined;
      const rest = options.padFinal === true ? pending : pending.slice(0, filled);
      pending = new Int16Array(frameSamples);
      filled = 0;
      return rest;
    },
  };
}
