/**
 * The seat refined from the signals (pure): how many samples (to a fraction) a new reply's echo
 * lies off the echo path the filter learnt on the replies before it.
 *
 * A client that reports its playback in whole ms (telephony marks) seats a reply up to half a
 * ms (8 samples at 16 kHz) off where it plays, and the next reply is off by another amount: the
 * filter, which learnt the path on the last one, no longer fits and converges again for a
 * second or more (test/echo/reply-offsets.test.ts). The learnt path `h` (the filter's impulse
 * response when the reply is seated) predicts the echo `y(t) = Σ h[k] x(t - k)` from the far end
 * `x` as fed; if the echo now comes `τ` samples later, the near end correlates best with the
 * prediction shifted by `τ`: `S(τ) = Σ h[k] C(k + τ)`, where `C(m) = Σ near(t) x(t - m)` is
 * gathered over the first frames of the reply in which the far end plays. `S` peaks at `τ`;
 * the fraction is read from `S` interpolated between whole lags (a windowed sinc).
 */
export interface SeatRefineOptions {
  /** Largest shift looked for, samples either way (a whole-ms seat is off by up to 8 at 16 kHz). */
  readonly searchSamples: number;
  /** Taps of the learnt path used before and after its peak. */
  readonly tapsBefore: number;
  readonly tapsAfter: number;
  /** Frames with the far end playing that the estimate is gathered over. */
  readonly frames: number;
  /** A far-end frame at or above this level (dBFS) counts as playing. */
  readonly farActiveDb: number;
  /**
   * The learnt path, shifted, must explain the near end this well (the prediction's
   * correlation with the near end over both their norms: 1.0-1.2 on echo alone, as speex's
   * path is learnt on pre-emphasised audio), or nothing is measured: a person talking louder
   * than the echo, noise, or an echo farther off than the search.
   */
  readonly minFit: number;
}

export const DEFAULT_SEAT_REFINE: SeatRefineOptions = {
  searchSamples: 20,
  tapsBefore: 64,
  tapsAfter: 192,
  frames: 20,
  farActiveDb: -45,
  minFit: 0.5,
};

/** The part of the learnt path the estimate uses, and the far-end lags it needs. */
export interface RefineWindow {
  /** First and one past the last tap of `h` used. */
  readonly fromTap: number;
  readonly toTap: number;
  /** The lags of `C`: from `fromTap - search` to `toTap - 1 + search`. */
  readonly fromLag: number;
  readonly lagCount: number;
}

export function refineWindow(
  impulse: ArrayLike<number>,
  options: SeatRefineOptions = DEFAULT_SEAT_REFINE,
): RefineWindow {
  let peak = 0;
  for (let k = 1; k < impulse.length; k++)
    if (Math.abs(impulse[k]!) > Math.abs(impulse[peak]!)) peak = k;
  const fromTap = Math.max(0, peak - options.tapsBefore);
  const toTap = Math.min(impulse.length, peak + options.tapsAfter);
  const fromLag = fromTap - options.searchSamples;
  return { fromTap, toTap, fromLag, lagCount: toTap - fromTap + 2 * options.searchSamples };
}

/** What the frames gathered: `C`, the far end's autocorrelation and the near end's energy. */
export interface Gathered {
  /** C(fromLag + i) at i. */
  readonly cross: Float64Array;
  /** The far end's autocorrelation at 0 .. toTap - fromTap - 1 samples. */
  readonly auto: Float64Array;
  nearEnergy: number;
}

export function emptyGathered(window: RefineWindow): Gathered {
  return {
    cross: new Float64Array(window.lagCount),
    auto: new Float64Array(window.toTap - window.fromTap),
    nearEnergy: 0,
  };
}

/**
 * Adds one frame: `near` (n samples) and `far`, the far end as fed, from
 * `fromLag + lagCount - 1` samples before the frame's first near sample on (n + lagCount - 1
 * samples): lag `fromLag + i` of near sample t is `far[t + lagCount - 1 - i]`.
 */
export function gather(
  into: Gathered,
  near: ArrayLike<number>,
  far: Int16Array,
  window: RefineWindow,
): void {
  const last = window.lagCount - 1;
  for (let i = 0; i < window.lagCount; i++) {
    let acc = 0;
    const offset = last - i;
    for (let t = 0; t < near.length; t++) acc += near[t]! * far[t + offset]!;
    into.cross[i]! += acc;
  }
  for (let d = 0; d < into.auto.length; d++) {
    let acc = 0;
    for (let t = 0; t < near.length; t++) acc += far[t]! * far[t + d]!;
    into.auto[d]! += acc;
  }
  for (let t = 0; t < near.length; t++) into.nearEnergy += near[t]! * near[t]!;
}

/**
 * The shift (samples, + when the echo comes later than the learnt path says) at which the
 * near end fits the learnt path best, or undefined when the fit is at the edge of the search
 * (the shift is larger than looked for) or nothing correlates.
 */
export function estimateShift(
  impulse: ArrayLike<number>,
  gathered: Gathered,
  window: RefineWindow,
  options: SeatRefineOptions = DEFAULT_SEAT_REFINE,
): number | undefined {
  const correlation = gathered.cross;
  const search = options.searchSamples;
  const scores = new Float64Array(2 * search + 1);
  for (let s = 0; s < scores.length; s++) {
    let acc = 0;
    // C's index of lag k + τ, for τ = s - search: (k - fromLag) + s - search.
    for (let k = window.fromTap; k < window.toTap; k++)
      acc += impulse[k]! * correlation[k - window.fromLag + s - search]!;
    scores[s] = acc;
  }
  let best = 0;
  for (let s = 1; s < scores.length; s++) if (scores[s]! > scores[best]!) best = s;
  if (!(scores[best]! > 0) || best === 0 || best === scores.length - 1) return undefined;
  // The fraction: the scores interpolated between whole lags, in 1/32 steps around the peak.
  let bestAt = best;
  let bestScore = scores[best]!;
  for (let step = -31; step <= 31; step++) {
    const at = best + step / 32;
    const score = interpolate(scores, at);
    if (score > bestScore) {
      bestScore = score;
      bestAt = at;
    }
  }
  // How well the shifted path explains the near end: S over the norms of the prediction
  // (h' R h, R the far end's autocorrelation) and of the near end.
  let predicted = 0;
  for (let k = window.fromTap; k < window.toTap; k++)
    for (let l = window.fromTap; l < window.toTap; l++)
      predicted += impulse[k]! * impulse[l]! * gathered.auto[Math.abs(k - l)]!;
  const fit = bestScore / Math.sqrt(predicted * gathered.nearEnergy);
  return fit >= options.minFit ? bestAt - search : undefined;
}

const HALF_TAPS = 8;

/** Blackman-windowed sinc interpolation of `values` at fractional index `at`. */
function interpolate(values: Float64Array, at: number): number {
  const whole = Math.floor(at);
  let acc = 0;
  let weights = 0;
  for (let j = whole - HALF_TAPS + 1; j <= whole + HALF_TAPS; j++) {
    if (j < 0 || j >= values.length) continue;
    const t = at - j;
    const sinc = t === 0 ? 1 : Math.sin(Math.PI * t) / (Math.PI * t);
    const x = t / HALF_TAPS;
    const window = 0.42 + 0.5 * Math.cos(Math.PI * x) + 0.08 * Math.cos(2 * Math.PI * x);
    acc += values[j]! * sinc * window;
    weights += sinc * window;
  }
  return weights === 0 ? 0 : acc / weights;
}
