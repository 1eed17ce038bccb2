import type { ChatMessage, ToolCall } from '../../spec/llm.ts';

/** The result a vendor sees for a tool call whose run never finished (barge-in, error, abort). */
export const CANCELLED_TOOL_RESULT = "Cancelled by the user's interruption.";

type ToolMessage = Extract<ChatMessage, { role: 'tool' }>;
type AssistantMessage = Extract<ChatMessage, { role: 'assistant' }>;

/** The first result recorded for each call id, wherever it sits in the history. */
function resultsById(messages: readonly ChatMessage[]): Map<string, ToolMessage> {
  const results = new Map<string, ToolMessage>();
  for (const message of messages) {
    if (message.role === 'tool' && !results.has(message.toolCallId)) {
      results.set(message.toolCallId, message);
    }
  }
  return results;
}

/**
 * A history every vendor accepts, built from one that a barge-in or a failed
 * stream may have left ragged:
 * - each tool call is followed at once by exactly one result: its own when one was
 *   recorded (even out of place), else a short "cancelled by the user's interruption";
 * - results without a call, second results for a call and calls repeating an id
 *   already used are dropped;
 * - an assistant turn left with neither text nor calls is dropped.
 * Order is otherwise kept. Role alternation is each adapter's business (Anthropic
 * merges same-role turns); this function guarantees only that no call goes unanswered.
 */
export function vendorSafeHistory(messages: readonly ChatMessage[]): ChatMessage[] {
  const results = resultsById(messages);
  const usedIds = new Set<string>();
  const out: ChatMessage[] = [];
  for (const message of messages) {
    if (message.role === 'tool') continue;
    if (message.role !== 'assistant') {
      out.push(message);
      continue;
    }
    const calls: ToolCall[] = [];
    for (const call of message.toolCalls ?? []) {
      if (call.id === '' || usedIds.has(call.id)) continue;
      usedIds.add(call.id);
      calls.push(call);
    }
    if (calls.length === 0 && message.content.trim() === '') continue;
    const { toolCalls: _dropped, ...rest } = message;
    const assistant: AssistantMessage = calls.length > 0 ? { ...rest, toolCalls: calls } : rest;
    out.push(assistant);
    for (const call of calls) {
      out.push(
        results.get(call.id) ?? {
          role: 'tool',
          toolCallId: call.id,
          name: call.name,
          content: CANCELLED_TOOL_RESULT,
        },
      );
    }
  }
  return out;
}
