import type { ChatMessage, LlmStreamOptions } from '../../spec/llm.ts';
import { vendorSafeHistory } from '../shared/history.ts';

type OpenAIMessage =
  | { role: 'system' | 'user'; content: string }
  | {
      role: 'assistant';
      content: string | null;
      tool_calls?: {
        id: string;
        type: 'function';
        function: { name: string; arguments: string };
      }[];
    }
  | { role: 'tool'; tool_call_id: string; content: string };

export function toOpenAIMessage(message: ChatMessage): OpenAIMessage {
  switch (message.role) {
    case 'system':
    case 'user':
      return { role: message.role, content: message.content };
    case 'assistant': {
      const calls = message.toolCalls ?? [];
      if (calls.length === 0) return { role: 'assistant', content: message.content };
      return {
        role: 'assistant',
        content: message.content === '' ? null : message.content,
        tool_calls: calls.map((call) => ({
          id: call.id,
          type: 'function',
          function: { name: call.name, arguments: call.argumentsJson },
        })),
      };
    }
    case 'tool':
      return {
        role: 'tool',
        tool_call_id: message.toolCallId,
        content: message.isError ? `Error: ${message.content}` : message.content,
      };
  }
}

/** How a server spells the output cap: OpenAI deprecated `max_tokens`; older compatible servers know only it. */
export type MaxTokensField = 'max_completion_tokens' | 'max_tokens';

/** What differs between OpenAI-compatible servers. */
export interface ChatDialect {
  /** Ask for token usage in the last chunk (`stream_options.include_usage`). */
  readonly includeUsage: boolean;
  readonly maxTokensField: MaxTokensField;
}

/** The Chat Completions request body for a streamed answer; the history is made vendor-safe first. */
export function chatRequestBody(
  model: string,
  options: LlmStreamOptions,
  dialect: ChatDialect,
): Record<string, unknown> {
  const body: Record<string, unknown> = {
    model,
    messages: vendorSafeHistory(options.messages).map(toOpenAIMessage),
    stream: true,
  };
  if (dialect.includeUsage) body['stream_options'] = { include_usage: true };
  if (options.tools && options.tools.length > 0) {
    body['tools'] = options.tools.map((tool) => ({
      type: 'function',
      function: { name: tool.name, description: tool.description, parameters: tool.parameters },
    }));
  }
  if (options.temperature !== undefined) body['temperature'] = options.temperature;
  if (options.maxOutputTokens !== undefined) body[dialect.maxTokensField] = options.maxOutputTokens;
  return body;
}
