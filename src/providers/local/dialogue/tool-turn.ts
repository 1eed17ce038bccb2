import type { DialogueIntent } from '../../../spec/dialogue.ts';
import type { DecideContext, Decision } from './decision.ts';
import type { ToolOutcome } from './history.ts';
import type { SlotValues } from './slots.ts';
import { fillTemplate } from './template.ts';

/**
 * Tool arguments: slot values by name, renamed or templated by `toolArguments`,
 * plus constants. A template may name `{said}`: the user's words acted on.
 */
export function toolArguments(
  intent: DialogueIntent,
  values: SlotValues,
  language: string,
  said?: string,
): Record<string, unknown> {
  const mapping = intent.toolArguments ?? {};
  const mapped = new Set(Object.values(mapping));
  const args: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(values)) if (!mapped.has(name)) args[name] = value;
  const slots = said === undefined ? values : { said, ...values };
  for (const [argument, source] of Object.entries(mapping)) {
    const value = source.includes('{') ? fillTemplate(source, { slots, language }) : values[source];
    if (value !== undefined && value !== '') args[argument] = value;
  }
  return { ...args, ...intent.toolConstants };
}

/** Slot values recovered from a call's arguments (undoing the `toolArguments` renaming). */
function slotsFromArguments(
  intent: DialogueIntent | undefined,
  args: Readonly<Record<string, unknown>>,
) {
  const slots: Record<string, unknown> = { ...args };
  for (const [argument, source] of Object.entries(intent?.toolArguments ?? {})) {
    if (!source.includes('{') && args[argument] !== undefined) slots[source] = args[argument];
  }
  return slots;
}

export function afterTool(context: DecideContext, outcome: ToolOutcome): Decision {
  const { script, language } = context;
  const intent =
    script.intents.find((candidate) => candidate.name === outcome.intentName) ??
    script.intents.find((candidate) => candidate.tool === outcome.toolName);
  const values = {
    slots: slotsFromArguments(intent, outcome.args),
    result: outcome.result,
    error: outcome.errorText,
    language,
  };
  if (outcome.isError) {
    const template = intent?.errorReply ?? script.fallbackReply;
    return {
      type: 'say',
      kind: intent?.errorReply ? 'reply' : 'fallback',
      text: fillTemplate(template, values),
    };
  }
  if (intent === undefined) return { type: 'say', kind: 'fallback', text: script.fallbackReply };
  return { type: 'say', kind: 'reply', text: fillTemplate(intent.reply, values) };
}
