import type { Clock } from '../../spec/clock.ts';
import type { LlmModel } from '../../spec/llm.ts';
import type { RetryOptions } from '../resilience/retry.ts';
import { streamSseLlm } from '../resilience/sse-llm.ts';
import { chatRequestBody, type MaxTokensField } from './chat-request.ts';
import { ChatChunkMapper } from './chat-stream.ts';

export interface OpenAICompatibleLlmOptions {
  /** e.g. `https://api.openai.com/v1`, `https://api.groq.com/openai/v1`, `http://localhost:11434/v1`. */
  readonly baseUrl: string;
  readonly apiKey?: string;
  readonly model: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** Longest silence before the response starts and between chunks. Default 30 000. */
  readonly timeoutMs?: number;
  /** Name reported as `provider`. Default `openai`. */
  readonly provider?: string;
  /** Ask for token usage in the last chunk (`stream_options.include_usage`). Default true. */
  readonly includeUsage?: boolean;
  /** Default `max_completion_tokens`; `max_tokens` for servers that predate it. */
  readonly maxTokensField?: MaxTokensField;
  readonly retry?: Omit<RetryOptions, 'signal' | 'clock'>;
  readonly clock?: Clock;
}

/** Any server speaking OpenAI's streamed Chat Completions: OpenAI, Groq, Together, Ollama, vLLM, llama.cpp. */
export function createOpenAICompatibleLlm(options: OpenAICompatibleLlmOptions): LlmModel {
  const provider = options.provider ?? 'openai';
  const url = `${options.baseUrl.replace(/\/+$/, '')}/chat/completions`;
  const headers: Record<string, string> = { ...options.headers };
  if (options.apiKey) headers['authorization'] = `Bearer ${options.apiKey}`;
  return {
    provider,
    model: options.model,
    capabilities: { streaming: true, toolCalls: true },
    stream: (streamOptions) =>
      streamSseLlm(
        {
          provider,
          url,
          headers,
          body: chatRequestBody(options.model, streamOptions, {
            includeUsage: options.includeUsage ?? true,
            maxTokensField: options.maxTokensField ?? 'max_completion_tokens',
          }),
          signal: streamOptions.signal,
          timeoutMs: options.timeoutMs ?? 30_000,
          clock: options.clock,
          retry: options.retry,
        },
        new ChatChunkMapper(provider),
      ),
  };
}
