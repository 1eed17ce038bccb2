import { ProtocolError, ProviderError } from '../../spec/errors.ts';
import type { FinishReason, LlmPart, ToolCall } from '../../spec/llm.ts';
import type { TokenUsage } from '../../spec/model.ts';
import type { SseLlmMapper } from '../resilience/sse-llm.ts';
import type { SseEvent } from '../resilience/sse.ts';

interface ToolCallDelta {
  index?: number;
  id?: string;
  function?: { name?: string; arguments?: string };
}

interface ChatChunk {
  choices?: {
    delta?: { content?: string | null; tool_calls?: ToolCallDelta[] };
    finish_reason?: string | null;
  }[];
  usage?: { prompt_tokens?: number; completion_tokens?: number } | null;
  /** Groq puts the usage of a stream here, in its last chunk (https://console.groq.com/docs/api-reference#chat-create). */
  x_groq?: { usage?: { prompt_tokens?: number; completion_tokens?: number } };
  error?: { message?: string; type?: string; code?: string | number };
}

const finishReasons: Record<string, FinishReason> = {
  stop: 'stop',
  tool_calls: 'tool-calls',
  function_call: 'tool-calls',
  length: 'length',
  content_filter: 'other',
};

/** Maps Chat Completions stream chunks to LlmParts, assembling tool-call argument fragments. */
export class ChatChunkMapper implements SseLlmMapper {
  readonly #provider: string;
  #calls = new Map<number, { id: string; name: string; argumentsJson: string }>();
  #reason: FinishReason | undefined;
  #usage: TokenUsage | undefined;
  #done = false;

  constructor(provider: string) {
    this.#provider = provider;
  }

  get finished(): boolean {
    return this.#done;
  }

  get complete(): boolean {
    return this.#done || this.#reason !== undefined;
  }

  push(event: SseEvent): readonly LlmPart[] {
    if (event.data === '[DONE]') {
      this.#done = true;
      return [];
    }
    let chunk: ChatChunk;
    try {
      chunk = JSON.parse(event.data) as ChatChunk;
    } catch (error) {
      const message = `${this.#provider}: malformed stream chunk`;
      return [{ type: 'error', error: new ProtocolError(message, { cause: error }) }];
    }
    if (chunk.error) return [{ type: 'error', error: this.#vendorError(chunk.error) }];
    const parts: LlmPart[] = [];
    const usage = chunk.usage ?? chunk.x_groq?.usage;
    if (usage) {
      this.#usage = {
        inputTokens: usage.prompt_tokens ?? 0,
        outputTokens: usage.completion_tokens ?? 0,
      };
    }
    for (const choice of chunk.choices ?? []) {
      const content = choice.delta?.content;
      if (content) parts.push({ type: 'text-delta', text: content });
      for (const delta of choice.delta?.tool_calls ?? []) this.#addToolDelta(delta);
      if (choice.finish_reason) {
        this.#reason = finishReasons[choice.finish_reason] ?? 'other';
        parts.push(...this.#flushCalls());
      }
    }
    return parts;
  }

  end(): readonly LlmPart[] {
    const parts = this.#flushCalls();
    const reason = this.#reason ?? (parts.length > 0 ? 'tool-calls' : 'stop');
    parts.push(
      this.#usage ? { type: 'finish', reason, usage: this.#usage } : { type: 'finish', reason },
    );
    return parts;
  }

  #addToolDelta(delta: ToolCallDelta): void {
    const index = delta.index ?? this.#calls.size;
    const call = this.#calls.get(index) ?? { id: '', name: '', argumentsJson: '' };
    if (delta.id) call.id = delta.id;
    if (delta.function?.name) call.name += delta.function.name;
    if (delta.function?.arguments) call.argumentsJson += delta.function.arguments;
    this.#calls.set(index, call);
  }

  #flushCalls(): LlmPart[] {
    const calls = [...this.#calls.entries()].sort(([a], [b]) => a - b);
    this.#calls.clear();
    return calls.map(([index, call]): LlmPart => {
      const toolCall: ToolCall = {
        id: call.id || `call_${index}`,
        name: call.name,
        argumentsJson: call.argumentsJson || '{}',
      };
      return { type: 'tool-call', call: toolCall };
    });
  }

  #vendorError(error: NonNullable<ChatChunk['error']>): ProviderError {
    const retryable = error.type === 'server_error' || error.code === 'rate_limit_exceeded';
    return new ProviderError(`${this.#provider}: ${error.message ?? 'stream error'}`, {
      provider: this.#provider,
      retryable,
      cause: error,
    });
  }
}
