import { AbortedError, type ParleyError } from '../../spec/errors.ts';
import type { ModelInfo } from '../../spec/model.ts';
import { toParleyError } from './errors.ts';

export type FallbackStage = 'llm' | 'stt' | 'tts';

/** Reported when a stage gives up on one model and moves to the next. */
export interface FallbackInfo {
  readonly stage: FallbackStage;
  /** `provider/model` of the model that failed. */
  readonly from: string;
  readonly to: string;
  readonly error: ParleyError;
}

export interface FallbackOptions {
  readonly onFallback?: (info: FallbackInfo) => void;
}

/** The form TurnMetrics.fallbacks uses, e.g. `llm:openai/gpt-4o-mini→anthropic/claude-haiku-4-5`. */
export function fallbackLabel(info: FallbackInfo): string {
  return `${info.stage}:${info.from}→${info.to}`;
}

export function modelLabel(model: ModelInfo<unknown>): string {
  return `${model.provider}/${model.model}`;
}

export type FallbackPart =
  { readonly type: string } | { readonly type: 'error'; readonly error: ParleyError };

/**
 * Streams from the first model; if it fails before producing any output part
 * (an `error` part first, or a throw), reports the fallback and starts over
 * with the next one. After the first output part, errors pass through as they are.
 */
export async function* fallbackStream<M extends ModelInfo<unknown>, P extends FallbackPart>(
  stage: FallbackStage,
  models: readonly M[],
  open: (model: M) => AsyncIterable<P>,
  signal: AbortSignal,
  options: FallbackOptions,
): AsyncGenerator<P> {
  for (let index = 0; index < models.length; index++) {
    const model = models[index] as M;
    const next = models[index + 1];
    let produced = false;
    let failure: ParleyError | undefined;
    try {
      for await (const part of open(model)) {
        if (!produced && part.type === 'error' && next && !signal.aborted) {
          failure = (part as { error: ParleyError }).error;
          break;
        }
        produced = true;
        yield part;
      }
    } catch (error) {
      if (signal.aborted) return;
      const parleyError = toParleyError(error, model.provider);
      if (produced || !next) {
        yield { type: 'error', error: parleyError } as P;
        return;
      }
      failure = parleyError;
    }
    if (!failure || !next || signal.aborted) return;
    if (failure instanceof AbortedError) return;
    options.onFallback?.({ stage, from: modelLabel(model), to: modelLabel(next), error: failure });
  }
}
