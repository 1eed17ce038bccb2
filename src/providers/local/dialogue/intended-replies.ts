import type { ChatMessage } from '../../../spec/llm.ts';
import { decide } from './decide.ts';
import type { DecideContext } from './decision.ts';

function words(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^\p{L}\p{N}']+/u)
    .filter((w) => w !== '');
}

function isPrefix(heard: readonly string[], intended: readonly string[]): boolean {
  return heard.length <= intended.length && heard.every((w, i) => w === intended[i]);
}

/** Index of the next non-system message after `from`, or -1. */
function nextTurnIndex(messages: readonly ChatMessage[], from: number): number {
  for (let i = from + 1; i < messages.length; i++) if (messages[i]?.role !== 'system') return i;
  return -1;
}

/**
 * The history as this engine meant it. When the user cut a reply off, the
 * session keeps only the words they heard (often none of a question like
 * "What's your order number?") — but a user who answers over a question has
 * understood it. So each cut-off reply with no tool call is replaced by what
 * the engine would have said there (it is deterministic), keeping `interrupted`,
 * and one that was cut off before a word was heard is put back. A user who
 * asks for something else instead is still understood: the intent matcher
 * switches intents as usual.
 */
export function withIntendedReplies(
  context: DecideContext,
  messages: readonly ChatMessage[],
): ChatMessage[] {
  const source = [...messages];
  const restored: ChatMessage[] = [];
  for (let index = 0; index < source.length; index++) {
    const message = source[index]!;
    restored.push(message);
    if (message.role !== 'user') continue;
    const nextIndex = nextTurnIndex(source, index);
    const next = source[nextIndex];
    const cutOff =
      next?.role === 'assistant' && next.interrupted === true && !next.toolCalls?.length;
    const unheard = next?.role === 'user';
    if (!cutOff && !unheard) continue;
    const decision = decide(context, restored);
    if (decision.type !== 'say') continue;
    const heard = next.role === 'assistant' ? next.content : '';
    if (!isPrefix(words(heard), words(decision.text))) continue;
    const intended: ChatMessage = { role: 'assistant', content: decision.text, interrupted: true };
    if (cutOff) source[nextIndex] = intended;
    else restored.push(intended);
  }
  return restored;
}
