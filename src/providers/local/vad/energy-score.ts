/**
 * Model-free speech probability from frame energy over an adaptive noise
 * floor. The floor follows quieter frames quickly and louder ones slowly, so
 * steady noise is learnt within about a second while speech barely moves it.
 * Pure apart from the per-stream state object.
 */
export interface EnergyScoreConfig {
  /** dB above the noise floor at which p = 0.5. */
  readonly marginDb: number;
  /** dB per unit of the logistic slope. */
  readonly slopeDb: number;
  /** Floor never drops below this (dB of mean square PCM16), so digital silence is not "noise". */
  readonly minFloorDb: number;
}

export const defaultEnergyScore: EnergyScoreConfig = { marginDb: 10, slopeDb: 2, minFloorDb: 30 };

export interface EnergyState {
  floorDb: number | undefined;
}

export function frameDb(frame: Float32Array): number {
  let sum = 0;
  for (const sample of frame) sum += (sample * 32768) ** 2;
  return 10 * Math.log10(sum / Math.max(1, frame.length) + 1);
}

export function energyProbability(
  state: EnergyState,
  frame: Float32Array,
  config: EnergyScoreConfig = defaultEnergyScore,
): number {
  const db = frameDb(frame);
  const floor = Math.max(config.minFloorDb, state.floorDb ?? db);
  const rate = db < floor ? 0.3 : 0.004;
  state.floorDb = Math.max(config.minFloorDb, floor + (db - floor) * rate);
  return 1 / (1 + Math.exp(-(db - floor - config.marginDb) / config.slopeDb));
}
