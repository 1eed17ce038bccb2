import type { Clock } from '../../spec/clock.ts';
import type { LlmModel } from '../../spec/llm.ts';
import type { RetryOptions } from '../resilience/retry.ts';
import { streamSseLlm } from '../resilience/sse-llm.ts';
import { messagesRequestBody } from './request.ts';
import { MessagesStreamMapper } from './stream.ts';

export interface AnthropicLlmOptions {
  readonly apiKey: string;
  /** e.g. `claude-sonnet-4-5`, `claude-haiku-4-5`. */
  readonly model: string;
  /** Default `https://api.anthropic.com`. */
  readonly baseUrl?: string;
  /** `max_tokens` when the call does not set `maxOutputTokens`. Default 1024. */
  readonly maxTokens?: number;
  /** Longest silence before the response starts and between events. Default 30 000. */
  readonly timeoutMs?: number;
  readonly retry?: Omit<RetryOptions, 'signal' | 'clock'>;
  readonly clock?: Clock;
}

/** Anthropic's Messages API, streamed, with tools. */
export function createAnthropicLlm(options: AnthropicLlmOptions): LlmModel {
  const url = `${(options.baseUrl ?? 'https://api.anthropic.com').replace(/\/+$/, '')}/v1/messages`;
  const headers = { 'x-api-key': options.apiKey, 'anthropic-version': '2023-06-01' };
  return {
    provider: 'anthropic',
    model: options.model,
    capabilities: { streaming: true, toolCalls: true },
    stream: (streamOptions) =>
      streamSseLlm(
        {
          provider: 'anthropic',
          url,
          headers,
          body: messagesRequestBody(options.model, options.maxTokens ?? 1024, streamOptions),
          signal: streamOptions.signal,
          timeoutMs: options.timeoutMs ?? 30_000,
          clock: options.clock,
          retry: options.retry,
        },
        new MessagesStreamMapper(),
      ),
  };
}
