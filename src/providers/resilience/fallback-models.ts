import { ConfigError } from '../../spec/errors.ts';
import type { LlmModel } from '../../spec/llm.ts';
import type { ModelInfo } from '../../spec/model.ts';
import type { SttInput, SttModel } from '../../spec/stt.ts';
import type { TtsModel } from '../../spec/tts.ts';
import { fallbackStream, modelLabel, type FallbackOptions } from './fallback.ts';
import { ReplaySource } from './replay.ts';

export interface ReplayFallbackOptions extends FallbackOptions {
  /** Input items (audio chunks or text chunks) kept so a backup can start over. Default 1500. */
  readonly maxReplayItems?: number;
}

function requireModels<M>(models: readonly M[]): readonly [M, ...M[]] {
  if (models.length === 0) throw new ConfigError('a fallback chain needs at least one model');
  return models as readonly [M, ...M[]];
}

function chainName(models: readonly ModelInfo<unknown>[]): string {
  return models.map((model) => modelLabel(model)).join('→');
}

/** An LlmModel that tries `models` in order until one starts answering. */
export function createFallbackLlm(
  models: readonly LlmModel[],
  options: FallbackOptions = {},
): LlmModel {
  requireModels(models);
  return {
    provider: 'fallback',
    model: chainName(models),
    capabilities: {
      streaming: models.every((model) => model.capabilities.streaming),
      toolCalls: models.every((model) => model.capabilities.toolCalls),
    },
    stream: (streamOptions) =>
      fallbackStream(
        'llm',
        models,
        (model) => model.stream(streamOptions),
        streamOptions.signal,
        options,
      ),
  };
}

/** An SttModel that moves to the next model, replaying the audio so far, if one fails before its first transcript. */
export function createFallbackStt(
  models: readonly SttModel[],
  options: ReplayFallbackOptions = {},
): SttModel {
  const [primary] = requireModels(models);
  return {
    provider: 'fallback',
    model: chainName(models),
    capabilities: {
      ...primary.capabilities,
      streaming: models.every((model) => model.capabilities.streaming),
      interimResults: models.every((model) => model.capabilities.interimResults),
      wordTimings: models.every((model) => model.capabilities.wordTimings),
    },
    async *stream(streamOptions) {
      const audio = new ReplaySource<SttInput>(streamOptions.audio, options.maxReplayItems ?? 1500);
      try {
        yield* fallbackStream(
          'stt',
          models,
          (model) => model.stream({ ...streamOptions, audio: audio.fork() }),
          streamOptions.signal,
          options,
        );
      } finally {
        await audio.close();
      }
    },
  };
}

/** A TtsModel that moves to the next model, resending the text so far, if one fails before its first audio. */
export function createFallbackTts(
  models: readonly TtsModel[],
  options: ReplayFallbackOptions = {},
): TtsModel {
  const [primary] = requireModels(models);
  return {
    provider: 'fallback',
    model: chainName(models),
    capabilities: {
      ...primary.capabilities,
      streaming: models.every((model) => model.capabilities.streaming),
      wordTimings: models.every((model) => model.capabilities.wordTimings),
    },
    async *stream(streamOptions) {
      const text = new ReplaySource<string>(streamOptions.text, options.maxReplayItems ?? 1500);
      try {
        yield* fallbackStream(
          'tts',
          models,
          (model) => model.stream({ ...streamOptions, text: text.fork() }),
          streamOptions.signal,
          options,
        );
      } finally {
        await text.close();
      }
    },
  };
}
