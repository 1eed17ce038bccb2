export { createSileroVad, preloadSileroVad, type SileroVadOptions } from './silero.ts';
export { createEnergyVad, type EnergyVadOptions } from './energy.ts';
export type { VadThresholdOptions } from './options.ts';
