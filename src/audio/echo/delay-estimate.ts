/**
 * Echo path delay from two energy envelopes (pure). `far[k]` and `near[k]` are the log
 * energies (dB) of the same block of time k on the near-end clock; the echo of far block k
 * shows up in near block k + lag. Returns the lag whose Pearson correlation over the window
 * is highest, and that correlation (0..1; the caller decides what is confident).
 */
export interface DelayEstimate {
  readonly lagBlocks: number;
  readonly correlation: number;
}

export function estimateDelay(
  far: ArrayLike<number>,
  near: ArrayLike<number>,
  maxLagBlocks: number,
): DelayEstimate | undefined {
  const length = Math.min(far.length, near.length);
  const windowLength = length - maxLagBlocks;
  if (windowLength < 8) return undefined;
  const nearStats = stats(near, maxLagBlocks, length);
  if (nearStats.deviation === 0) return undefined;
  let best: DelayEstimate | undefined;
  for (let lag = 0; lag <= maxLagBlocks; lag++) {
    const farStats = stats(far, maxLagBlocks - lag, length - lag);
    if (farStats.deviation === 0) continue;
    let sum = 0;
    for (let k = maxLagBlocks; k < length; k++) {
      sum += (far[k - lag]! - farStats.mean) * (near[k]! - nearStats.mean);
    }
    const correlation = sum / (windowLength * farStats.deviation * nearStats.deviation);
    if (best === undefined || correlation > best.correlation)
      best = { lagBlocks: lag, correlation };
  }
  return best;
}

function stats(values: ArrayLike<number>, from: number, to: number) {
  let sum = 0;
  for (let k = from; k < to; k++) sum += values[k]!;
  const mean = sum / (to - from);
  let squares = 0;
  for (let k = from; k < to; k++) squares += (values[k]! - mean) ** 2;
  return { mean, deviation: Math.sqrt(squares / (to - from)) };
}

/** Log energy of a block in dB (relative to full scale squared), floored so silence is finite. */
export function blockLevelDb(samples: ArrayLike<number>, from: number, to: number): number {
  let sum = 0;
  for (let i = from; i < to; i++) sum += samples[i]! * samples[i]!;
  const meanSquare = sum / Math.max(1, to - from) / (32768 * 32768);
  return 10 * Math.log10(Math.max(meanSquare, 1e-8));
}
