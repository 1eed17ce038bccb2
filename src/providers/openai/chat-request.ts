import type { ChatMessage, LlmStreamOptions } from '../../spec/llm.ts';

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

/** The Chat Completions request body for a streamed answer. */
export function chatRequestBody(
  model: string,
  options: LlmStreamOptions,
  includeUsage: boolean,
): Record<string, unknown> {
  const body: Record<string, unknown> = {
    model,
    messages: options.messages.map(toOpenAIMessage),
    stream: true,
  };
  if (includeUsage) body['stream_options'] = { include_usage: true };
  if (options.tools && options.tools.length > 0) {
    body['tools'] = options.tools.map((tool) => ({
      type: 'function',
      function: { name: tool.name, description: tool.description, parameters: tool.parameters },
    }));
  }
  if (options.temperature !== undefined) body['temperature'] = options.temperature;
  if (options.maxOutputTokens !== undefined) body['max_tokens'] = options.maxOutputTokens;
  return body;
}
