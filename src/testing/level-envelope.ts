/**
 * A speech-like level envelope, dB per block: bursts of different lengths and levels (−20 to
 * −40 dB) over a floor of −80 dB, the same for the same `seed` (a linear congruential
 * generator, so tests of the echo delay search are repeatable).
 */
export function speechLikeEnvelope(length: number, seed: number): number[] {
  let state = seed;
  const random = () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
  const out: number[] = [];
  while (out.length < length) {
    const level = -20 - 20 * random();
    for (let i = Math.floor(5 + 30 * random()); i > 0; i--) out.push(level + 3 * random());
    for (let i = Math.floor(2 + 15 * random()); i > 0; i--) out.push(FLOOR_DB);
  }
  return out.slice(0, length);
}

/** The envelope's floor between bursts, dB. */
export const FLOOR_DB = -80;
