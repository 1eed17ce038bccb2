import type { ChatMessage } from '../../../spec/llm.ts';
import type { DecideContext, Decision, Pending } from './decision.ts';
import { previousTurn, said } from './history.ts';
import { tokenize } from './normalize.ts';

// Answers to a yes/no question, English and Spanish (folded: no accents).
const YES = new Set(
  (
    'yes yeah yep yup correct right sure exactly affirmative confirm confirmed true ' +
    'si claro exacto correcto vale eso'
  ).split(' '),
);
const NO = new Set('no nope nah wrong negative incorrect not cancel'.split(' '));
/** Only the first few words count: "yes that's right" but not "I said no refund yesterday". */
const ANSWER_WORDS = 3;

export type YesNo = 'yes' | 'no' | undefined;

/** Whether an utterance opens with yes or no ("yes please", "no, one thirty", "sí, eso es"). */
export function yesOrNo(text: string): YesNo {
  const tokens = tokenize(text).slice(0, ANSWER_WORDS);
  for (const token of tokens) {
    if (NO.has(token.text)) return 'no';
    if (YES.has(token.text)) return 'yes';
    if (!token.stop) return undefined;
  }
  return undefined;
}

/**
 * The request the engine's previous turn asked the user to confirm, if it was
 * a confirm question. The engine keeps no state: the decision for the history
 * up to the user's previous message is made again (it is deterministic) and
 * must be a confirm question that the assistant said.
 */
export function pendingConfirmation(
  context: DecideContext,
  messages: readonly ChatMessage[],
  userIndex: number,
  decide: (context: DecideContext, messages: readonly ChatMessage[]) => Decision,
): Pending | undefined {
  const asked = previousTurn(messages, userIndex);
  if (asked === undefined || asked.message.role !== 'assistant') return undefined;
  const before = previousTurn(messages, asked.index);
  if (before === undefined || before.message.role !== 'user') return undefined;
  const decision = decide(context, messages.slice(0, before.index + 1));
  if (decision.type !== 'say' || decision.kind !== 'confirm') return undefined;
  return said(asked.message, decision.text) ? decision.confirming : undefined;
}
