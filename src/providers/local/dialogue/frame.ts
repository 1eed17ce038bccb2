import type { DialogueIntent, DialogueScript } from '../../../spec/dialogue.ts';
import type { ChatMessage } from '../../../spec/llm.ts';
import { previousTurn, said } from './history.ts';
import { matchIntent, type IntentIndex } from './intent-matcher.ts';
import { extractSlots, readSlots, type SlotValue, type SlotValues } from './slots.ts';

/**
 * An intent being filled over several turns, read back from the history: the
 * utterance that started it and the answers to its slot prompts.
 */
export interface SlotFrame {
  readonly intent: DialogueIntent;
  readonly values: SlotValues;
  /** The slot the latest prompt asked for, and whether the latest answer filled it. */
  readonly askedSlot: string;
  readonly answered: boolean;
  /** The latest answer's value for the asked slot was read with a doubt (see slots.ts). */
  readonly doubtful: boolean;
  /** The assistant message that asked. */
  readonly prompt: ChatMessage;
}

interface Answer {
  readonly text: string;
  /** Intent name → the slot its prompt asked for. */
  readonly asked: ReadonlyMap<DialogueIntent, string>;
  readonly prompt: ChatMessage;
}

function promptsIn(script: DialogueScript, message: ChatMessage): Map<DialogueIntent, string> {
  const found = new Map<DialogueIntent, string>();
  for (const intent of script.intents) {
    for (const slot of intent.slots ?? []) {
      // A prompt with placeholders is recognised by its literal start.
      const literal = slot.prompt?.split('{')[0] ?? '';
      const line = literal.length >= 8 ? literal : slot.prompt;
      if (line !== undefined && said(message, line)) found.set(intent, slot.name);
    }
  }
  return found;
}

/** The slot frame the user message at `userIndex` continues, if its previous turn was a prompt. */
export function readFrame(
  script: DialogueScript,
  index: IntentIndex,
  messages: readonly ChatMessage[],
  userIndex: number,
): SlotFrame | undefined {
  const answers: Answer[] = [];
  let trigger: string | undefined;
  let cursor = userIndex;
  for (;;) {
    const text = messages[cursor]?.content ?? '';
    const asked = previousTurn(messages, cursor);
    const prompts = asked === undefined ? new Map() : promptsIn(script, asked.message);
    if (asked === undefined || prompts.size === 0) {
      trigger = answers.length > 0 ? text : undefined;
      break;
    }
    answers.unshift({ text, asked: prompts, prompt: asked.message });
    const before = previousTurn(messages, asked.index);
    if (before?.message.role !== 'user') break;
    cursor = before.index;
  }
  const latest = answers.at(-1);
  if (latest === undefined) return undefined;
  const candidates = [...latest.asked.keys()];
  const intent =
    candidates.length === 1
      ? candidates[0]
      : (matchIntent(index, trigger ?? latest.text, 0, candidates)?.intent ?? candidates[0]);
  if (intent === undefined) return undefined;
  // Answers to another intent's prompts belong to an earlier frame: the one after them starts this one.
  let first = answers.length - 1;
  while (first > 0 && answers[first - 1]?.asked.has(intent) === true) first--;
  const opening = first > 0 ? answers[first - 1]?.text : trigger;
  const values: Record<string, SlotValue> =
    opening === undefined ? {} : { ...extractSlots(intent, opening) };
  let answered = false;
  let doubtful = false;
  for (const answer of answers.slice(first)) {
    const askedSlot = answer.asked.get(intent) ?? '';
    const found = readSlots(intent, answer.text, askedSlot);
    for (const [name, value] of Object.entries(found.values)) {
      if (name === askedSlot || values[name] === undefined) values[name] = value;
    }
    answered = found.values[askedSlot] !== undefined;
    doubtful = found.doubtful.has(askedSlot);
  }
  return {
    intent,
    values,
    askedSlot: latest.asked.get(intent) ?? '',
    answered,
    doubtful,
    prompt: latest.prompt,
  };
}
