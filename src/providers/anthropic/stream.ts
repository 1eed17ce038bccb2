import { ProtocolError, ProviderError } from '../../spec/errors.ts';
import type { FinishReason, LlmPart } from '../../spec/llm.ts';
import type { SseLlmMapper } from '../resilience/sse-llm.ts';
import type { SseEvent } from '../resilience/sse.ts';

interface StreamEvent {
  type?: string;
  index?: number;
  message?: { id?: string; usage?: { input_tokens?: number; output_tokens?: number } };
  content_block?: { type?: string; id?: string; name?: string; text?: string };
  delta?: { type?: string; text?: string; partial_json?: string; stop_reason?: string | null };
  usage?: { input_tokens?: number; output_tokens?: number };
  error?: { type?: string; message?: string };
}

const stopReasons: Record<string, FinishReason> = {
  end_turn: 'stop',
  stop_sequence: 'stop',
  tool_use: 'tool-calls',
  max_tokens: 'length',
};

/** Error types Anthropic documents as transient. */
const retryableErrorTypes = new Set(['overloaded_error', 'api_error', 'rate_limit_error']);

/** Maps Messages API stream events to LlmParts; tool input JSON is assembled per content block. */
export class MessagesStreamMapper implements SseLlmMapper {
  #tools = new Map<number, { id: string; name: string; json: string }>();
  #inputTokens = 0;
  #outputTokens = 0;
  #reason: FinishReason = 'stop';
  #done = false;
  #stopped = false;

  get finished(): boolean {
    return this.#done;
  }

  get complete(): boolean {
    return this.#done || this.#stopped;
  }

  push(event: SseEvent): readonly LlmPart[] {
    let data: StreamEvent;
    try {
      data = JSON.parse(event.data) as StreamEvent;
    } catch (error) {
      return [
        { type: 'error', error: new ProtocolError('anthropic: malformed event', { cause: error }) },
      ];
    }
    switch (data.type ?? '') {
      case 'message_start':
        this.#inputTokens = data.message?.usage?.input_tokens ?? 0;
        this.#outputTokens = data.message?.usage?.output_tokens ?? 0;
        return [];
      case 'content_block_start':
        if (data.content_block?.type === 'tool_use') {
          const { id = '', name = '' } = data.content_block;
          this.#tools.set(data.index ?? 0, { id, name, json: '' });
        } else if (data.content_block?.type === 'text' && data.content_block.text) {
          return [{ type: 'text-delta', text: data.content_block.text }];
        }
        return [];
      case 'content_block_delta':
        return this.#delta(data);
      case 'content_block_stop':
        return this.#stopBlock(data.index ?? 0);
      case 'message_delta':
        if (data.delta?.stop_reason) {
          this.#reason = stopReasons[data.delta.stop_reason] ?? 'other';
          this.#stopped = true;
        }
        if (data.usage?.output_tokens !== undefined) this.#outputTokens = data.usage.output_tokens;
        return [];
      case 'message_stop':
        this.#done = true;
        return [];
      case 'error':
        return [{ type: 'error', error: this.#vendorError(data.error) }];
      default:
        // `ping` and event types added later are ignored, as the API asks.
        return [];
    }
  }

  end(): readonly LlmPart[] {
    const usage = { inputTokens: this.#inputTokens, outputTokens: this.#outputTokens };
    return [{ type: 'finish', reason: this.#reason, usage }];
  }

  #delta(data: StreamEvent): LlmPart[] {
    if (data.delta?.type === 'text_delta' && data.delta.text) {
      return [{ type: 'text-delta', text: data.delta.text }];
    }
    if (data.delta?.type === 'input_json_delta') {
      const tool = this.#tools.get(data.index ?? 0);
      if (!tool) {
        const error = new ProtocolError('anthropic: input_json_delta outside a tool_use block', {
          cause: data,
        });
        return [{ type: 'error', error }];
      }
      tool.json += data.delta.partial_json ?? '';
    }
    return [];
  }

  #stopBlock(index: number): LlmPart[] {
    const tool = this.#tools.get(index);
    if (!tool) return [];
    this.#tools.delete(index);
    return [
      {
        type: 'tool-call',
        call: { id: tool.id, name: tool.name, argumentsJson: tool.json || '{}' },
      },
    ];
  }

  #vendorError(error: StreamEvent['error']): ProviderError {
    const type = error?.type ?? 'error';
    return new ProviderError(`anthropic: ${type}: ${error?.message ?? 'stream error'}`, {
      provider: 'anthropic',
      retryable: retryableErrorTypes.has(type),
      cause: error,
    });
  }
}
