import type { Clock } from '../spec/clock.ts';
import type { ParleyError } from '../spec/errors.ts';
import type { ChatMessage, LlmModel, LlmPart, LlmStreamOptions } from '../spec/llm.ts';
import type { ToolSpec } from '../spec/tool.ts';
import { isAbortError } from '../stream/abort.ts';

export interface FakeLlmResponse {
  /** From the request to the first part. */
  readonly firstTokenDelayMs?: number;
  /** Between text tokens (one token a word). */
  readonly tokenIntervalMs?: number;
  readonly text?: string;
  /** Emitted after the text. `arguments` may be an object or raw JSON text. */
  readonly toolCalls?: readonly { readonly name: string; readonly arguments: unknown }[];
  /** Emitted after the text instead of `finish`. */
  readonly error?: ParleyError;
}

export interface FakeLlmCall {
  readonly messages: readonly ChatMessage[];
  readonly tools: readonly ToolSpec[];
  aborted: boolean;
}

export type FakeLlmResponses =
  | FakeLlmResponse
  | readonly FakeLlmResponse[]
  | ((call: FakeLlmCall, index: number) => FakeLlmResponse);

function pick(responses: FakeLlmResponses, call: FakeLlmCall, index: number): FakeLlmResponse {
  if (typeof responses === 'function') return responses(call, index);
  if (Array.isArray(responses)) {
    const list = responses as readonly FakeLlmResponse[];
    return list[Math.min(index, list.length - 1)] ?? {};
  }
  return responses as FakeLlmResponse;
}

/** Splits text into word tokens that keep their trailing space, like a real model's deltas. */
export function tokenize(text: string): string[] {
  return text.match(/\S+\s*/g) ?? [];
}

/**
 * A language model replaced by a script: a value, a list (one per call) or a
 * function. Timing comes from the clock. Records every call.
 */
export function createFakeLlm(options: {
  readonly clock: Clock;
  readonly responses: FakeLlmResponses;
}): LlmModel & { readonly calls: FakeLlmCall[] } {
  const calls: FakeLlmCall[] = [];

  async function* stream(streamOptions: LlmStreamOptions): AsyncGenerator<LlmPart> {
    const { signal } = streamOptions;
    const call: FakeLlmCall = {
      messages: [...streamOptions.messages],
      tools: [...(streamOptions.tools ?? [])],
      aborted: false,
    };
    const index = calls.push(call) - 1;
    const response = pick(options.responses, call, index);
    const sleep = async (ms: number) => {
      if (ms > 0) await options.clock.sleep(ms, signal);
    };
    try {
      await sleep(response.firstTokenDelayMs ?? 0);
      const tokens = tokenize(response.text ?? '');
      for (const [i, token] of tokens.entries()) {
        if (i > 0) await sleep(response.tokenIntervalMs ?? 0);
        if (signal.aborted) return;
        yield { type: 'text-delta', text: token };
      }
      for (const [i, toolCall] of (response.toolCalls ?? []).entries()) {
        const argumentsJson =
          typeof toolCall.arguments === 'string'
            ? toolCall.arguments
            : JSON.stringify(toolCall.arguments);
        yield {
          type: 'tool-call',
          call: { id: `call_${index}_${i}`, name: toolCall.name, argumentsJson },
        };
      }
      if (response.error) {
        yield { type: 'error', error: response.error };
        return;
      }
      yield {
        type: 'finish',
        reason: response.toolCalls?.length ? 'tool-calls' : 'stop',
        usage: { inputTokens: streamOptions.messages.length, outputTokens: tokens.length },
      };
    } catch (error: unknown) {
      if (isAbortError(error)) {
        call.aborted = true;
        return;
      }
      throw error;
    } finally {
      if (signal.aborted) call.aborted = true;
    }
  }

  return {
    provider: 'fake',
    model: 'scripted-llm',
    capabilities: { streaming: true, toolCalls: true },
    calls,
    stream,
  };
}
