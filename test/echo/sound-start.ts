/** Where a recorded voice's first sound is (the silence synthesisers put before speech). */

/** ms of silence before the first 10 ms block above `thresholdDb` dBFS (0 if none is). */
export function soundStartMs(samples: Int16Array, sampleRate: number, thresholdDb = -40): number {
  const block = sampleRate / 100;
  for (let b = 0; (b + 1) * block <= samples.length; b++) {
    let sum = 0;
    for (let i = b * block; i < (b + 1) * block; i++) sum += samples[i]! ** 2;
    if (10 * Math.log10(sum / block / 2 ** 30 + 1e-10) > thresholdDb) return b * 10;
  }
  return 0;
}
