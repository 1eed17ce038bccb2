/**
 * Where speech starts and ends in a synthesised clip: the first and last 10 ms
 * window whose energy is within `rangeDb` of the loudest window. flite leaves
 * low-level noise (about -46 dBFS) before the speech, so a 25 dB range is used
 * rather than the 35 dB of the VAD fixtures.
 */
export function speechSpanMs(
  samples: Int16Array,
  sampleRate = 16_000,
  rangeDb = 25,
): { startMs: number; endMs: number } {
  const window = sampleRate / 100;
  const energies: number[] = [];
  for (let start = 0; start + window <= samples.length; start += window) {
    let sum = 0;
    for (let i = start; i < start + window; i++) sum += (samples[i] ?? 0) ** 2;
    energies.push(sum / window);
  }
  const floor = Math.max(...energies) * 10 ** (-rangeDb / 10);
  const first = energies.findIndex((energy) => energy > floor);
  const last = energies.findLastIndex((energy) => energy > floor);
  return { startMs: first * 10, endMs: (last + 1) * 10 };
}
