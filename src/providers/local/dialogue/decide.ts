import type { DialogueIntent } from '../../../spec/dialogue.ts';
import type { ChatMessage } from '../../../spec/llm.ts';
import type { DecideContext, Decision, Pending } from './decision.ts';
import { readFrame } from './frame.ts';
import { previousTurn, readToolOutcome, said } from './history.ts';
import { boundedUtterance } from './bounded.ts';
import { pendingConfirmation, yesOrNo } from './confirm.ts';
import {
  DEFAULT_CONFIRM_THRESHOLD,
  DEFAULT_MATCH_THRESHOLD,
  matchIntent,
  rankIntents,
} from './intent-matcher.ts';
import { answerFromPassages, parsePassages } from './passages.ts';
import { extractSlots, missingSlot, type SlotValues } from './slots.ts';
import { fillTemplate } from './template.ts';
import { afterTool, toolArguments } from './tool-turn.ts';

export type { DecideContext, Decision, ReplyKind } from './decision.ts';

const DEFAULTS = {
  en: { retrieval: 'According to {source}: {answer}', reprompt: "Sorry, I didn't catch that." },
  es: { retrieval: 'Según {source}: {answer}', reprompt: 'Perdona, no lo he entendido.' },
};

function defaults(language: string): (typeof DEFAULTS)['en'] {
  return language.toLowerCase().startsWith('es') ? DEFAULTS.es : DEFAULTS.en;
}

function confirmation(
  context: DecideContext,
  intent: DialogueIntent,
  values: SlotValues,
): Decision {
  const text = fillTemplate(intent.confirm ?? '', { slots: values, language: context.language });
  return { type: 'say', kind: 'confirm', text, confirming: { intent, values }, intent, values };
}

/**
 * Goes on with an intent: prompt for a missing slot, else call its tool or reply.
 * `sure` is false for an unsure match (an intent with a `confirm` question then
 * asks it first); an `alwaysConfirm` intent asks once its slots are filled,
 * unless `confirmed`.
 */
function proceed(
  context: DecideContext,
  intent: DialogueIntent,
  values: SlotValues,
  how: { readonly sure: boolean; readonly confirmed?: boolean } = { sure: true },
): Decision {
  if (!how.sure && intent.confirm !== undefined) return confirmation(context, intent, values);
  const missing = missingSlot(intent, values);
  if (missing !== undefined) {
    const text = missing.prompt ?? context.script.fallbackReply;
    return {
      type: 'say',
      kind: 'prompt',
      text: fillTemplate(text, { slots: values, language: context.language }),
      intent,
      values,
    };
  }
  if (intent.alwaysConfirm === true && intent.confirm !== undefined && how.confirmed !== true) {
    return confirmation(context, intent, values);
  }
  if (intent.tool !== undefined) {
    return {
      type: 'call',
      intent,
      toolName: intent.tool,
      args: toolArguments(intent, values, context.language),
    };
  }
  return {
    type: 'say',
    kind: 'reply',
    text: fillTemplate(intent.reply, { slots: values, language: context.language }),
    intent,
    values,
  };
}

function failed(context: DecideContext, previous: ChatMessage | undefined): Decision {
  const { script } = context;
  const alreadyFailed =
    previous !== undefined &&
    (said(previous, script.fallbackReply) ||
      said(previous, script.repromptPrefix ?? defaults(context.language).reprompt));
  if (alreadyFailed && script.escalationReply !== undefined) {
    return { type: 'say', kind: 'escalation', text: script.escalationReply };
  }
  return { type: 'say', kind: 'fallback', text: script.fallbackReply };
}

/** The user's answer to a confirm question: yes acts, no with a new value asks again with it. */
function answerConfirmation(
  context: DecideContext,
  pending: Pending,
  text: string,
): Decision | undefined {
  const answer = yesOrNo(text);
  if (answer === 'yes')
    return proceed(context, pending.intent, pending.values, { sure: true, confirmed: true });
  if (answer !== 'no') return undefined;
  const threshold = context.script.matchThreshold ?? DEFAULT_MATCH_THRESHOLD;
  const other = matchIntent(context.index, text, threshold);
  if (other !== undefined && other.intent !== pending.intent) {
    return proceed(context, other.intent, extractSlots(other.intent, text));
  }
  const corrected = extractSlots(pending.intent, text);
  if (Object.keys(corrected).length > 0) {
    return proceed(context, pending.intent, { ...pending.values, ...corrected });
  }
  return { type: 'say', kind: 'fallback', text: context.script.fallbackReply };
}

function answerUser(
  context: DecideContext,
  messages: readonly ChatMessage[],
  userIndex: number,
): Decision {
  const { script, index, language } = context;
  const text = boundedUtterance(messages[userIndex]?.content ?? '');
  const pending = pendingConfirmation(context, messages, userIndex, decide);
  const confirmed = pending === undefined ? undefined : answerConfirmation(context, pending, text);
  if (confirmed !== undefined) return confirmed;
  const threshold = script.matchThreshold ?? DEFAULT_MATCH_THRESHOLD;
  const frame = readFrame(script, index, messages, userIndex);
  const ranked = rankIntents(index, text);
  const best = ranked[0];
  const match = best !== undefined && best.score >= threshold ? best : undefined;
  if (frame !== undefined && frame.answered) return proceed(context, frame.intent, frame.values);
  if (match !== undefined && match.intent !== frame?.intent) {
    return proceed(context, match.intent, extractSlots(match.intent, text));
  }
  const previous = previousTurn(messages, userIndex)?.message;
  if (frame !== undefined) {
    const prefix = script.repromptPrefix ?? defaults(language).reprompt;
    if (said(frame.prompt, prefix) && script.escalationReply !== undefined) {
      return { type: 'say', kind: 'escalation', text: script.escalationReply };
    }
    const prompt = frame.intent.slots?.find((slot) => slot.name === frame.askedSlot)?.prompt ?? '';
    return { type: 'say', kind: 'reprompt', text: `${prefix} ${prompt}`.trim() };
  }
  if (match !== undefined) return proceed(context, match.intent, extractSlots(match.intent, text));
  if (script.useRetrieval === true) {
    const answer = answerFromPassages(text, parsePassages(messages));
    if (answer !== undefined) {
      const template = script.retrievalReply ?? defaults(language).retrieval;
      const reply = fillTemplate(template, {
        slots: { source: answer.source, answer: answer.answer },
        language,
      });
      return { type: 'say', kind: 'retrieval', text: reply };
    }
  }
  // Unsure: read the likeliest request back rather than guess or give up.
  const confirmAbove = script.confirmThreshold ?? DEFAULT_CONFIRM_THRESHOLD;
  const likely = ranked[0];
  if (likely?.intent.confirm !== undefined && likely.score >= confirmAbove) {
    return proceed(context, likely.intent, extractSlots(likely.intent, text), { sure: false });
  }
  return failed(context, previous);
}

/** The engine's whole decision for one call, from the conversation so far. */
export function decide(context: DecideContext, messages: readonly ChatMessage[]): Decision {
  const lastIndex = messages.findLastIndex((message) => message.role !== 'system');
  const last = messages[lastIndex];
  if (last?.role === 'tool') return afterTool(context, readToolOutcome(messages, last));
  if (last?.role === 'user') return answerUser(context, messages, lastIndex);
  return { type: 'nothing' };
}
