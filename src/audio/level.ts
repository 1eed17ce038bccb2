/**
 * Root-mean-square level in dBFS, where 0 dBFS is a constant full-scale
 * signal (so a full-scale sine reads about -3.01). Silence or an empty
 * input gives -Infinity.
 */
export function rmsDbfs(samples: Int16Array): number {
  if (samples.length === 0) return -Infinity;
  let sumSquares = 0;
  for (const sample of samples) sumSquares += sample * sample;
  const rms = Math.sqrt(sumSquares / samples.length);
  return rms === 0 ? -Infinity : 20 * Math.log10(rms / 32768);
}
