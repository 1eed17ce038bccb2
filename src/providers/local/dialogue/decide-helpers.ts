/** Test helpers: the engine's decision for a conversation written as alternating lines. */
import type { DialogueScript } from '../../../spec/dialogue.ts';
import type { ChatMessage } from '../../../spec/llm.ts';
import { decide, type Decision } from './decide.ts';
import { buildIntentIndex } from './intent-matcher.ts';

/** Lines alternate user, assistant, user …; the engine decides what follows the last one. */
export function decideAfter(
  script: DialogueScript,
  lines: readonly string[],
  language = 'en-US',
): Decision {
  const messages: ChatMessage[] = lines.map((content, index) =>
    index % 2 === 0 ? { role: 'user', content } : { role: 'assistant', content },
  );
  return decide({ script, index: buildIntentIndex(script.intents), language }, messages);
}

/** "say: text" or "call tool {args}" for comparing decisions in one line. */
export function describeDecision(decision: Decision): string {
  if (decision.type === 'say') return `say: ${decision.text}`;
  if (decision.type === 'call') return `call ${decision.toolName} ${JSON.stringify(decision.args)}`;
  return 'nothing';
}
