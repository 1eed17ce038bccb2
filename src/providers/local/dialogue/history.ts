import type { ChatMessage } from '../../../spec/llm.ts';
import { foldText } from './normalize.ts';

/** Tool call ids carry the intent that made the call, so the engine can stay stateless. */
const CALL_ID_PREFIX = 'dialogue_';

export function makeToolCallId(intentName: string): string {
  return `${CALL_ID_PREFIX}${intentName}_${crypto.randomUUID().slice(0, 8)}`;
}

export function intentNameFromCallId(id: string): string | undefined {
  if (!id.startsWith(CALL_ID_PREFIX)) return undefined;
  const last = id.lastIndexOf('_');
  return last > CALL_ID_PREFIX.length ? id.slice(CALL_ID_PREFIX.length, last) : undefined;
}

/** The nearest message before `index` that is not a system message. */
export function previousTurn(
  messages: readonly ChatMessage[],
  index: number,
): { message: ChatMessage; index: number } | undefined {
  for (let cursor = index - 1; cursor >= 0; cursor--) {
    const message = messages[cursor];
    if (message !== undefined && message.role !== 'system') return { message, index: cursor };
  }
  return undefined;
}

/** Lowercase letters and figures separated by single spaces, for comparing what was said. */
export function comparable(text: string): string {
  return foldText(text)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * Whether an assistant message said `line`: it contains it, or, when the user
 * cut it off, what was heard is the start of it.
 */
export function said(message: ChatMessage, line: string): boolean {
  if (message.role !== 'assistant' || (message.toolCalls?.length ?? 0) > 0) return false;
  const heard = comparable(message.content);
  const expected = comparable(line);
  if (expected === '' || heard === '') return false;
  if (heard.includes(expected)) return true;
  return message.interrupted === true && heard.length >= 8 && expected.startsWith(heard);
}

export interface ToolOutcome {
  readonly toolName: string;
  readonly intentName: string | undefined;
  /** The arguments the call was made with. */
  readonly args: Readonly<Record<string, unknown>>;
  readonly result: unknown;
  readonly isError: boolean;
  readonly errorText: string;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    // Not JSON: the tool returned plain text, which is itself the result.
    void error;
    return text;
  }
}

function argumentsOf(
  messages: readonly ChatMessage[],
  toolCallId: string,
): Record<string, unknown> {
  for (const message of messages) {
    if (message.role !== 'assistant') continue;
    const call = message.toolCalls?.find((candidate) => candidate.id === toolCallId);
    if (call === undefined) continue;
    const parsed = parseJson(call.argumentsJson);
    return parsed !== null && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {};
  }
  return {};
}

/** What a `tool` message reports, with the arguments of the call it answers. */
export function readToolOutcome(
  messages: readonly ChatMessage[],
  message: Extract<ChatMessage, { role: 'tool' }>,
): ToolOutcome {
  const result = parseJson(message.content);
  const errorRecord = result !== null && typeof result === 'object' ? result : {};
  // The session reports a failed call as `{"error": "…"}`; accept `message` too.
  const record = errorRecord as Record<string, unknown>;
  const errorMessage = record['error'] ?? record['message'];
  return {
    toolName: message.name,
    intentName: intentNameFromCallId(message.toolCallId),
    args: argumentsOf(messages, message.toolCallId),
    result,
    isError: message.isError === true,
    errorText: typeof errorMessage === 'string' ? errorMessage : message.content,
  };
}
