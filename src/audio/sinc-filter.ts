/**
 * Kaiser-windowed sinc low-pass filter, cut into polyphase tables for a
 * rational rate change of `upFactor / downFactor`.
 */

/** Zero crossings of the sinc on each side, counted at the lower of the two rates. */
const ZERO_CROSSINGS = 16;
/** Cutoff as a fraction of the lower Nyquist frequency (leaves room for the transition band). */
const ROLLOFF = 0.92;
const KAISER_BETA = 8.6;

export interface PolyphaseFilter {
  /** Taps on each side of the interpolation point; each phase has `2 * halfTaps` coefficients. */
  readonly halfTaps: number;
  /** Coefficients for phase `p` (fractional position p / upFactor), applied to inputs `ip - halfTaps + 1 … ip + halfTaps`. */
  phase(p: number): Float64Array;
}

function besselI0(x: number): number {
  let sum = 1;
  let term = 1;
  for (let k = 1; k < 50; k++) {
    term *= (x / (2 * k)) ** 2;
    sum += term;
    if (term < sum * 1e-12) break;
  }
  return sum;
}

function sinc(x: number): number {
  if (x === 0) return 1;
  const angle = Math.PI * x;
  return Math.sin(angle) / angle;
}

export function createPolyphaseFilter(upFactor: number, downFactor: number): PolyphaseFilter {
  // Bandwidth relative to the input rate: below 1 when downsampling.
  const scale = Math.min(1, upFactor / downFactor) * ROLLOFF;
  const halfWidth = ZERO_CROSSINGS / Math.min(1, upFactor / downFactor);
  const halfTaps = Math.ceil(halfWidth);
  const windowNorm = besselI0(KAISER_BETA);
  const phases = new Map<number, Float64Array>();

  function build(p: number): Float64Array {
    const fraction = p / upFactor;
    const taps = new Float64Array(2 * halfTaps);
    let sum = 0;
    for (let j = 0; j < taps.length; j++) {
      const distance = fraction + halfTaps - 1 - j;
      const ratio = distance / halfWidth;
      if (Math.abs(ratio) >= 1) continue;
      const window = besselI0(KAISER_BETA * Math.sqrt(1 - ratio * ratio)) / windowNorm;
      const value = scale * sinc(scale * distance) * window;
      taps[j] = value;
      sum += value;
    }
    // Unity gain at DC for every phase, so constant input stays constant.
    for (let j = 0; j < taps.length; j++) taps[j]! /= sum;
    return taps;
  }

  return {
    halfTaps,
    phase(p) {
      let taps = phases.get(p);
      if (taps === undefined) {
        taps = build(p);
        phases.set(p, taps);
      }
      return taps;
    },
  };
}

/** Rate pairs kept; a process uses a handful (16 k ↔ 8 k, 24 k, 48 k …). */
const MAX_SHARED_FILTERS = 32;
const shared = new Map<string, PolyphaseFilter>();

/**
 * The filter for `upFactor / downFactor`, built once per process and shared by
 * every session's resamplers (its phase tables are immutable once built), so a
 * session start does not recompute Bessel-windowed taps on the event loop.
 */
export function sharedPolyphaseFilter(upFactor: number, downFactor: number): PolyphaseFilter {
  const key = `${upFactor}/${downFactor}`;
  let filter = shared.get(key);
  if (filter === undefined) {
    filter = createPolyphaseFilter(upFactor, downFactor);
    if (shared.size >= MAX_SHARED_FILTERS) shared.delete(shared.keys().next().value ?? key);
    shared.set(key, filter);
  }
  return filter;
}
