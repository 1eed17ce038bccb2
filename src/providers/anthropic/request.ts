import type { ChatMessage, LlmStreamOptions } from '../../spec/llm.ts';
import { vendorSafeHistory } from '../shared/history.ts';

type ContentBlock =
  | { type: 'text'; text: string }
  | { type: 'tool_use'; id: string; name: string; input: unknown }
  | { type: 'tool_result'; tool_use_id: string; content: string; is_error?: boolean };

/** Stands in for the user turn the API requires before an agent's greeting. */
export const CONVERSATION_START = '(The conversation starts.)';

interface AnthropicMessage {
  role: 'user' | 'assistant';
  content: ContentBlock[];
}

function parseInput(argumentsJson: string): unknown {
  try {
    return JSON.parse(argumentsJson) as unknown;
  } catch (error) {
    // The model produced invalid JSON earlier; send it back as a string so history stays intact.
    return { _raw: argumentsJson, _error: String(error) };
  }
}

function blocksOf(message: Exclude<ChatMessage, { role: 'system' }>): ContentBlock[] {
  switch (message.role) {
    case 'user':
      // The API rejects empty text blocks.
      return message.content.trim() === '' ? [] : [{ type: 'text', text: message.content }];
    case 'assistant': {
      // The API rejects whitespace-only text blocks.
      const blocks: ContentBlock[] =
        message.content.trim() !== '' ? [{ type: 'text', text: message.content }] : [];
      for (const call of message.toolCalls ?? []) {
        blocks.push({
          type: 'tool_use',
          id: call.id,
          name: call.name,
          input: parseInput(call.argumentsJson),
        });
      }
      return blocks;
    }
    case 'tool':
      return [
        {
          type: 'tool_result',
          tool_use_id: message.toolCallId,
          content: message.content,
          ...(message.isError ? { is_error: true } : {}),
        },
      ];
  }
}

/**
 * Maps Parley's history onto the Messages API: system prompts join the top-level
 * `system`, tool results travel in user turns, consecutive same-role turns merge
 * (the API wants user and assistant to alternate), empty text is dropped, a
 * placeholder user turn goes first when the history starts with the agent, and
 * every tool call has its result (see `vendorSafeHistory`).
 */
export function toAnthropicMessages(messages: readonly ChatMessage[]): {
  system: string;
  messages: AnthropicMessage[];
} {
  const system: string[] = [];
  const out: AnthropicMessage[] = [];
  for (const message of vendorSafeHistory(messages)) {
    if (message.role === 'system') {
      system.push(message.content);
      continue;
    }
    const role = message.role === 'assistant' ? 'assistant' : 'user';
    const blocks = blocksOf(message);
    if (blocks.length === 0) continue;
    const last = out.at(-1);
    if (last?.role === role) last.content.push(...blocks);
    else out.push({ role, content: blocks });
  }
  // The API wants a user turn first; an agent that greets first starts with an assistant turn.
  if (out[0]?.role !== 'user') {
    out.unshift({ role: 'user', content: [{ type: 'text', text: CONVERSATION_START }] });
  }
  // A final assistant turn is a prefill, which may not end in whitespace.
  const lastBlock = out.at(-1)?.role === 'assistant' ? out.at(-1)?.content.at(-1) : undefined;
  if (lastBlock?.type === 'text') lastBlock.text = lastBlock.text.trimEnd();
  return { system: system.join('\n\n'), messages: out };
}

export function messagesRequestBody(
  model: string,
  maxTokens: number,
  options: LlmStreamOptions,
): Record<string, unknown> {
  const { system, messages } = toAnthropicMessages(options.messages);
  const body: Record<string, unknown> = {
    model,
    max_tokens: options.maxOutputTokens ?? maxTokens,
    messages,
    stream: true,
  };
  if (system) body['system'] = system;
  if (options.tools && options.tools.length > 0) {
    body['tools'] = options.tools.map((tool) => ({
      name: tool.name,
      description: tool.description,
      input_schema: tool.parameters,
    }));
  }
  if (options.temperature !== undefined) body['temperature'] = options.temperature;
  return body;
}
