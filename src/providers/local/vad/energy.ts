import type { Vad, VadStreamOptions } from '../../../spec/vad.ts';
import { defaultEnergyScore, energyProbability, type EnergyScoreConfig } from './energy-score.ts';
import { hysteresisConfig, type VadThresholdOptions } from './options.ts';
import { runVad } from './run-vad.ts';

export interface EnergyVadOptions extends VadThresholdOptions, Partial<EnergyScoreConfig> {}

const FRAME_SAMPLES = 320;
const FRAME_MS = 20;

/**
 * A model-free fallback: frame energy over an adaptive noise floor, with the
 * same hysteresis as Silero. Cheap and fine in quiet rooms; weak consonants
 * and speech at low SNR (≤ 10 dB) are missed or cut short — prefer Silero.
 */
export function createEnergyVad(options: EnergyVadOptions = {}): Vad {
  const hysteresis = hysteresisConfig(
    {
      ...options,
      offsetThreshold: options.offsetThreshold ?? options.threshold ?? 0.5,
      onsetLeadMs: options.onsetLeadMs ?? 0,
      offsetLagMs: options.offsetLagMs ?? 0,
    },
    FRAME_MS,
  );
  const score: EnergyScoreConfig = {
    marginDb: options.marginDb ?? defaultEnergyScore.marginDb,
    slopeDb: options.slopeDb ?? defaultEnergyScore.slopeDb,
    minFloorDb: options.minFloorDb ?? defaultEnergyScore.minFloorDb,
  };
  return {
    provider: 'local',
    model: 'energy-vad',
    capabilities: { frameMs: FRAME_MS, sampleRates: [16_000] },
    stream: (streamOptions: VadStreamOptions) =>
      runVad(streamOptions, {
        provider: 'local',
        frameSamples: FRAME_SAMPLES,
        hysteresis,
        createScorer: () => {
          const state = { floorDb: undefined };
          return Promise.resolve((frame: Float32Array) => energyProbability(state, frame, score));
        },
      }),
  };
}
