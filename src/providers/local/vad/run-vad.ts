import { INPUT_SAMPLE_RATE } from '../../../spec/audio.ts';
import { AudioFormatError, ProviderError } from '../../../spec/errors.ts';
import type { VadPart, VadStreamOptions } from '../../../spec/vad.ts';
import { untilAborted } from '../../../stream/abort.ts';
import { flushHysteresis, initialHysteresis, stepHysteresis } from './hysteresis.ts';
import type { HysteresisConfig } from './hysteresis.ts';
import { Reframer } from './reframe.ts';
import { OptionalPackageMissingError } from '../optional-package.ts';

/** Scores one frame of Float32 samples with a speech probability in [0, 1]. */
export type FrameScorer = (frame: Float32Array) => number | Promise<number>;

export interface VadRunConfig {
  readonly provider: string;
  readonly frameSamples: number;
  readonly hysteresis: HysteresisConfig;
  /** Called once per stream; per-stream state (model state, noise floor) lives in the closure. */
  readonly createScorer: () => Promise<FrameScorer>;
}

/**
 * The thin runner shared by every local VAD: re-frames 16 kHz PCM16, scores
 * each frame, and feeds the hysteresis reducer. A chunk at another rate is
 * skipped with an `error` part (AudioFormatError); a scorer failure ends the
 * stream with a ProviderError part. Nothing is yielded after abort.
 */
export async function* runVad(
  options: VadStreamOptions,
  config: VadRunConfig,
): AsyncGenerator<VadPart> {
  const { signal } = options;
  if (signal.aborted) return;
  let score: FrameScorer;
  try {
    score = await config.createScorer();
  } catch (error) {
    // A missing optional package is named (it is the operator's fix), e.g. onnxruntime-node.
    const missing = error instanceof OptionalPackageMissingError ? `: ${error.message}` : '';
    if (!signal.aborted)
      yield {
        type: 'error',
        error: providerError(`could not load the VAD model${missing}`, config, error),
      };
    return;
  }
  const reframer = new Reframer(config.frameSamples);
  const frameMs = config.hysteresis.frameMs;
  let state = initialHysteresis;
  let frameIndex = 0;
  let lastProbability = 0;
  for await (const chunk of untilAborted(options.audio, signal)) {
    if (chunk.sampleRate !== INPUT_SAMPLE_RATE) {
      const message = `VAD needs ${INPUT_SAMPLE_RATE} Hz audio, got ${chunk.sampleRate} Hz; chunk skipped`;
      yield { type: 'error', error: new AudioFormatError(message) };
      continue;
    }
    for (const frame of reframer.push(chunk.samples)) {
      try {
        lastProbability = await score(frame);
      } catch (error) {
        if (!signal.aborted)
          yield { type: 'error', error: providerError('VAD inference failed', config, error) };
        return;
      }
      if (signal.aborted) return;
      const step = stepHysteresis(state, frameIndex * frameMs, lastProbability, config.hysteresis);
      state = step.state;
      frameIndex++;
      if (step.event) yield step.event;
      if (signal.aborted) return;
    }
  }
  if (signal.aborted) return;
  const last = flushHysteresis(state, frameIndex * frameMs, lastProbability, config.hysteresis);
  if (last) yield last;
}

function providerError(message: string, config: VadRunConfig, cause: unknown): ProviderError {
  return new ProviderError(message, { provider: config.provider, retryable: false, cause });
}
