/**
 * The envelope coherence (pure): does the microphone's short-time band envelope follow the far
 * end's at some lag? Echo is the far end through a room: each band's energy rises and falls with
 * the far end's, a room gain apart (removed with each band's mean over the window); a person's
 * does not. The correlation is pooled over bands and a window of frames, at each lag of a range
 * (whole frames), and the best is kept: the normalised cross-correlation idea of double-talk
 * detection (Benesty, Morgan and Cho, 2000), on band envelopes so the level does not matter.
 */
export interface EnvelopeCoherenceOptions {
  readonly bands: number;
  /** Frames the correlation is taken over (10 ms each). */
  readonly windowFrames: number;
  /** The largest lag looked at, frames. */
  readonly maxLagFrames: number;
  /**
   * The far end's envelope must vary by at least this much (RMS over the window and bands, each
   * band's mean removed) for a correlation to mean anything: a silent far end says nothing.
   */
  readonly minFarSpread: number;
  /**
   * A window is read only once this share of its microphone frames hold sound (above the noise
   * floor): the start of a sound, echo or a person, matches nothing yet. Read at once, the
   * start of a first reply's echo played 240 ms late read 0.10-0.62 for its first 200 ms (then
   * 0.86-0.99): its own lag was not yet in the far end's history, other lags were.
   */
  readonly minActiveShare: number;
  /**
   * A lag whose far-end window has fewer active frames than that (their band envelopes' cubes,
   * the band powers, summing past `farActivePower`) cannot be where the echo of a sounding
   * microphone window is: it counts as no correlation (0).
   */
  readonly farActivePower: number;
}

export interface CoherenceReading {
  /** The best correlation (-1..1) over the lags asked, and its lag in frames. */
  readonly correlation: number;
  readonly lagFrames: number;
}

export interface EnvelopeCoherence {
  /** One frame's band envelopes of the microphone (and whether it holds sound) and far end. */
  push(near: Float64Array, far: Float64Array, nearActive: boolean): void;
  /**
   * The far end pushed from now on is laid elsewhere (the playback seat moved): a lag whose
   * window reaches back past this point is not read until it no longer does.
   */
  moved(): void;
  /**
   * The best correlation over lags `fromLag..toLag` frames (clipped to what is held); undefined
   * until a window is held, while the microphone's window holds too little sound, or when the
   * far end was too steady at every lag.
   */
  read(fromLag: number, toLag: number): CoherenceReading | undefined;
}

export function createEnvelopeCoherence(options: EnvelopeCoherenceOptions): EnvelopeCoherence {
  const { bands, windowFrames, maxLagFrames } = options;
  const farKeep = windowFrames + maxLagFrames;
  const nearRing: Float64Array[] = [];
  const farRing: Float64Array[] = [];
  const farActive: boolean[] = [];
  const nearActive: boolean[] = [];
  const minActiveFrames = Math.ceil(options.minActiveShare * windowFrames);
  let frames = 0;
  let movedAt = -Infinity;
  const minFarVariance = windowFrames * bands * options.minFarSpread ** 2;
  const nearWindow: Float64Array[] = [];
  const farWindow: Float64Array[] = [];
  return {
    push(near, far, nearSounds) {
      if (near.length !== bands || far.length !== bands)
        throw new RangeError(
          `coherence takes ${bands} bands, got ${near.length} and ${far.length}`,
        );
      nearRing[frames % windowFrames] = near;
      nearActive[frames % windowFrames] = nearSounds;
      farRing[frames % farKeep] = far;
      let power = 0;
      for (const envelope of far) power += envelope ** 3;
      farActive[frames % farKeep] = power >= options.farActivePower;
      frames++;
    },
    moved() {
      movedAt = frames;
    },
    read(fromLag, toLag) {
      if (frames < windowFrames) return undefined;
      if (nearActive.filter(Boolean).length < minActiveFrames) return undefined;
      const lastLag = Math.min(
        toLag,
        maxLagFrames,
        frames - windowFrames,
        frames - movedAt - windowFrames,
      );
      for (let i = 0; i < windowFrames; i++)
        nearWindow[i] = nearRing[(frames - windowFrames + i) % windowFrames]!;
      let best: CoherenceReading | undefined;
      for (let lag = Math.max(0, fromLag); lag <= lastLag; lag++) {
        let active = 0;
        for (let i = 0; i < windowFrames; i++) {
          const at = (frames - windowFrames - lag + i) % farKeep;
          farWindow[i] = farRing[at]!;
          if (farActive[at] === true) active++;
        }
        if (active < minActiveFrames) continue;
        const correlation = windowCorrelation(nearWindow, farWindow, minFarVariance);
        if (correlation !== undefined && (best === undefined || correlation > best.correlation))
          best = { correlation, lagFrames: lag };
      }
      return best;
    },
  };
}

/**
 * The correlation of two windows of band envelopes, each band's mean over the window removed,
 * pooled over bands and frames; undefined when either side's variance is below `minFarVariance`
 * (the far end's) or zero (the microphone's).
 */
export function windowCorrelation(
  near: readonly Float64Array[],
  far: readonly Float64Array[],
  minFarVariance = 0,
): number | undefined {
  const frames = near.length;
  const bands = near[0]?.length ?? 0;
  let cross = 0;
  let nearVariance = 0;
  let farVariance = 0;
  for (let b = 0; b < bands; b++) {
    let nearMean = 0;
    let farMean = 0;
    for (let t = 0; t < frames; t++) {
      nearMean += near[t]![b]!;
      farMean += far[t]![b]!;
    }
    nearMean /= frames;
    farMean /= frames;
    for (let t = 0; t < frames; t++) {
      const n = near[t]![b]! - nearMean;
      const f = far[t]![b]! - farMean;
      cross += n * f;
      nearVariance += n * n;
      farVariance += f * f;
    }
  }
  if (nearVariance <= 0 || farVariance <= 0 || farVariance < minFarVariance) return undefined;
  return cross / Math.sqrt(nearVariance * farVariance);
}
