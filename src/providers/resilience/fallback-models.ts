import { ConfigError } from '../../spec/errors.ts';
import type { LlmModel } from '../../spec/llm.ts';
import type { ModelInfo } from '../../spec/model.ts';
import type { SttInput, SttModel } from '../../spec/stt.ts';
import type { SessionTts, TtsModel } from '../../spec/tts.ts';
import { fallbackStream, modelLabel, type FallbackOptions, type FallbackPart } from './fallback.ts';
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

/** `fallbackStream` for a stage fed by an input stream: a backup starts over on the input read so far. */
async function* replayingFallback<M extends ModelInfo<unknown>, I, P extends FallbackPart>(
  stage: 'stt' | 'tts',
  models: readonly M[],
  input: AsyncIterable<I>,
  open: (model: M, input: AsyncIterable<I>) => AsyncIterable<P>,
  signal: AbortSignal,
  options: ReplayFallbackOptions,
): AsyncGenerator<P> {
  const replay = new ReplaySource<I>(input, options.maxReplayItems ?? 1500);
  try {
    yield* fallbackStream(stage, models, (model) => open(model, replay.fork()), signal, options);
  } finally {
    await replay.close();
  }
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

/**
 * How often the chain looks at its interim again: the slowest model's period, since any may be
 * the one speaking after a failover; unknown when any model does not say.
 */
function slowestInterimMs(models: readonly SttModel[]): number | undefined {
  const periods = models.map((model) => model.capabilities.interimEveryMs);
  if (periods.some((everyMs) => everyMs === undefined)) return undefined;
  return Math.max(...(periods as number[]));
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
      interimEveryMs: slowestInterimMs(models),
    },
    stream: (streamOptions) =>
      replayingFallback(
        'stt',
        models,
        streamOptions.audio,
        (model, audio: AsyncIterable<SttInput>) => model.stream({ ...streamOptions, audio }),
        streamOptions.signal,
        options,
      ),
  };
}

/**
 * A TtsModel that moves to the next model, resending the text so far, if one fails before
 * its first audio. `openSession` opens each model's own session (where it has one), so a
 * conversation keeps its vendor sockets across replies, and closes them all with it.
 */
export function createFallbackTts(
  models: readonly TtsModel[],
  options: ReplayFallbackOptions = {},
): TtsModel {
  const chain = fallbackTts(models, options);
  if (!models.some((model) => model.openSession !== undefined)) return chain;
  return {
    ...chain,
    openSession: (): SessionTts => {
      const sessions = models.map((model) => model.openSession?.());
      const opened = models.map((model, i) => sessions[i] ?? model);
      return {
        ...fallbackTts(opened, options),
        close: async () => {
          await Promise.all(sessions.flatMap((session) => (session ? [session.close()] : [])));
        },
      };
    },
  };
}

function fallbackTts(models: readonly TtsModel[], options: ReplayFallbackOptions): TtsModel {
  const [primary] = requireModels(models);
  return {
    provider: 'fallback',
    model: chainName(models),
    capabilities: {
      ...primary.capabilities,
      streaming: models.every((model) => model.capabilities.streaming),
      wordTimings: models.every((model) => model.capabilities.wordTimings),
    },
    stream: (streamOptions) =>
      replayingFallback(
        'tts',
        models,
        streamOptions.text,
        (model, text: AsyncIterable<string>) => model.stream({ ...streamOptions, text }),
        streamOptions.signal,
        options,
      ),
  };
}
