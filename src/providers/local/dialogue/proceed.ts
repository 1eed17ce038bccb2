import type { DialogueIntent } from '../../../spec/dialogue.ts';
import type { DecideContext, Decision } from './decision.ts';
import { missingSlot, readSlots, type SlotValues } from './slots.ts';
import { fillTemplate } from './template.ts';
import { toolArguments } from './tool-turn.ts';

const DEFAULTS = {
  en: { retrieval: 'According to {source}: {answer}', reprompt: "Sorry, I didn't catch that." },
  es: { retrieval: 'Según {source}: {answer}', reprompt: 'Perdona, no lo he entendido.' },
};

export function defaults(language: string): (typeof DEFAULTS)['en'] {
  return language.toLowerCase().startsWith('es') ? DEFAULTS.es : DEFAULTS.en;
}

/** How `proceed` goes on. */
export interface Proceeding {
  /** False for an unsure match: an intent with a `confirm` question asks it first. */
  readonly sure: boolean;
  /** The user said yes to the read-back (an `alwaysConfirm` intent then acts). */
  readonly confirmed?: boolean;
  /**
   * The user's words acted on, values heard spelled as the script spells them:
   * `{said}` in `toolArguments` (the café's grammar check reads them).
   */
  readonly said?: string;
}

function templateValues(context: DecideContext, values: SlotValues, said: string | undefined) {
  return {
    slots: said === undefined ? values : { said, ...values },
    language: context.language,
  };
}

function confirmation(
  context: DecideContext,
  intent: DialogueIntent,
  values: SlotValues,
  said: string | undefined,
): Decision {
  const text = fillTemplate(intent.confirm ?? '', templateValues(context, values, said));
  const confirming = said === undefined ? { intent, values } : { intent, values, said };
  return { type: 'say', kind: 'confirm', text, confirming, intent, values };
}

/**
 * Goes on with an intent: prompt for a missing slot, else call its tool or reply.
 * Unsure (`how.sure` false), an intent with a `confirm` question asks it first;
 * an `alwaysConfirm` intent asks once its slots are filled, unless `confirmed`.
 */
export function proceed(
  context: DecideContext,
  intent: DialogueIntent,
  values: SlotValues,
  how: Proceeding = { sure: true },
): Decision {
  if (!how.sure && intent.confirm !== undefined) {
    return confirmation(context, intent, values, how.said);
  }
  const missing = missingSlot(intent, values);
  if (missing !== undefined) {
    const text = missing.prompt ?? context.script.fallbackReply;
    return {
      type: 'say',
      kind: 'prompt',
      text: fillTemplate(text, templateValues(context, values, how.said)),
      intent,
      values,
    };
  }
  if (intent.alwaysConfirm === true && intent.confirm !== undefined && how.confirmed !== true) {
    return confirmation(context, intent, values, how.said);
  }
  if (intent.tool !== undefined) {
    return {
      type: 'call',
      intent,
      toolName: intent.tool,
      args: toolArguments(intent, values, context.language, how.said),
    };
  }
  return {
    type: 'say',
    kind: 'reply',
    text: fillTemplate(intent.reply, templateValues(context, values, how.said)),
    intent,
    values,
  };
}

/** Whether every slot the intent's `confirm` question names has a value (so the read-back says something). */
export function readBackComplete(intent: DialogueIntent, values: SlotValues): boolean {
  if (intent.confirm === undefined) return false;
  const slotNames = new Set((intent.slots ?? []).map((slot) => slot.name));
  const named = [...intent.confirm.matchAll(/\{\s*([^{}|:\s]+)/g)].map((match) => match[1] ?? '');
  return named.every((name) => !slotNames.has(name) || values[name] !== undefined);
}

/**
 * Goes on with an intent matched on `text`. A value read with a doubt (a
 * closing "oh" left out, two numbers run together) is read back first; for an
 * `alwaysConfirm` (safety) intent it is asked for again instead, so a value the
 * engine is unsure of is never read back as if it had been heard.
 */
export function proceedOn(context: DecideContext, intent: DialogueIntent, text: string): Decision {
  const { values, doubtful, said } = readSlots(intent, text);
  if (doubtful.size === 0) return proceed(context, intent, values, { sure: true, said });
  if (intent.alwaysConfirm === true) {
    const kept = Object.fromEntries(Object.entries(values).filter(([name]) => !doubtful.has(name)));
    const decision = proceed(context, intent, kept, { sure: true, said });
    const asked = missingSlot(intent, kept)?.name;
    if (decision.type !== 'say' || asked === undefined || !doubtful.has(asked)) return decision;
    // "Say again. Value?": the value was heard, not understood (a second miss escalates).
    const prefix = context.script.repromptPrefix ?? defaults(context.language).reprompt;
    return { ...decision, text: `${prefix} ${decision.text}` };
  }
  return proceed(context, intent, values, { sure: !readBackComplete(intent, values), said });
}
