/** Where sound starts and ends in a clip, in ms; `undefined` for silence. */
export interface SpanMs {
  readonly startMs: number;
  readonly endMs: number;
}

const WINDOW_MS = 10;

/**
 * The first and last 10 ms window whose energy is within `rangeDb` of the loudest
 * window (synthesisers leave low-level noise around speech, so 25 dB rather than
 * a silence threshold). Assumes 16 kHz.
 */
export function soundSpanMs(samples: Int16Array, rangeDb = 25): SpanMs | undefined {
  const energies = windowEnergies(samples);
  const loudest = Math.max(0, ...energies);
  if (loudest === 0) return undefined;
  const floor = loudest * 10 ** (-rangeDb / 10);
  const first = energies.findIndex((energy) => energy > floor);
  const last = energies.findLastIndex((energy) => energy > floor);
  return { startMs: first * WINDOW_MS, endMs: (last + 1) * WINDOW_MS };
}

/** RMS (linear, PCM16 units) of the windows within `rangeDb` of the loudest: the level of the speech itself. */
export function activeRms(samples: Int16Array, rangeDb = 25): number {
  const energies = windowEnergies(samples);
  const floor = Math.max(0, ...energies) * 10 ** (-rangeDb / 10);
  const active = energies.filter((energy) => energy > floor);
  if (active.length === 0) return 0;
  return Math.sqrt(active.reduce((sum, e) => sum + e, 0) / active.length);
}

function windowEnergies(samples: Int16Array): number[] {
  const window = (16_000 * WINDOW_MS) / 1000;
  const energies: number[] = [];
  for (let start = 0; start + window <= samples.length; start += window) {
    let sum = 0;
    for (let i = start; i < start + window; i++) sum += (samples[i] ?? 0) ** 2;
    energies.push(sum / window);
  }
  return energies;
}
