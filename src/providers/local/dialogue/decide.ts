import type { DialogueIntent } from '../../../spec/dialogue.ts';
import type { ChatMessage } from '../../../spec/llm.ts';
import type { DecideContext, Decision, Pending } from './decision.ts';
import { readFrame } from './frame.ts';
import { previousTurn, readToolOutcome, said } from './history.ts';
import { boundedUtterance } from './bounded.ts';
import { pendingConfirmation, yesOrNo } from './confirm.ts';
import {
  clearBest,
  DEFAULT_CONFIRM_THRESHOLD,
  DEFAULT_MATCH_THRESHOLD,
  matchIntent,
  rankIntents,
  restsOnMeaning,
} from './intent-matcher.ts';
import { knowledgeFirst, saysOneThing } from './knowledge-first.ts';
import { answerFromPassages, parsePassages, type PassageAnswer } from './passages.ts';
import { defaults, proceed, proceedOn, readBackComplete } from './proceed.ts';
import { extractSlots, spelledUtterance } from './slots.ts';
import { fillTemplate } from './template.ts';
import { afterTool } from './tool-turn.ts';

export type { DecideContext, Decision, ReplyKind } from './decision.ts';

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
    return proceed(context, pending.intent, pending.values, {
      sure: true,
      confirmed: true,
      ...(pending.said === undefined ? {} : { said: pending.said }),
    });
  if (answer !== 'no') return undefined;
  const threshold = context.script.matchThreshold ?? DEFAULT_MATCH_THRESHOLD;
  const other = matchIntent(context.index, text, threshold);
  if (other !== undefined && other.intent !== pending.intent) {
    return proceedOn(context, other.intent, text);
  }
  const corrected = extractSlots(pending.intent, text);
  if (Object.keys(corrected).length > 0) {
    return proceed(
      context,
      pending.intent,
      { ...pending.values, ...corrected },
      { sure: true, said: spelledUtterance(pending.intent, text) },
    );
  }
  return { type: 'say', kind: 'fallback', text: context.script.fallbackReply };
}

/**
 * The intent's request read back from `text` ("Did you mean a refund for order 8 2 2 0?"),
 * when the read-back has every value it names (never "Did you mean a refund for order?").
 */
function unsureReadBack(
  context: DecideContext,
  intent: DialogueIntent,
  text: string,
): Decision | undefined {
  const values = extractSlots(intent, text);
  if (!readBackComplete(intent, values)) return undefined;
  return proceed(context, intent, values, { sure: false, said: spelledUtterance(intent, text) });
}

/** The knowledge passages' answer to `text`, when the script answers from them. */
function knowledgeAnswer(
  context: DecideContext,
  messages: readonly ChatMessage[],
  text: string,
): PassageAnswer | undefined {
  if (context.script.useRetrieval !== true) return undefined;
  return answerFromPassages(text, parsePassages(messages));
}

function retrievalReply(context: DecideContext, answer: PassageAnswer): Decision {
  const template = context.script.retrievalReply ?? defaults(context.language).retrieval;
  const text = fillTemplate(template, {
    slots: { source: answer.source, answer: answer.answer },
    language: context.language,
  });
  return { type: 'say', kind: 'retrieval', text };
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
  // Two intents about as likely are a guess: treated as unsure (read back, or not got).
  const match = clearBest(ranked, threshold);
  // An answer read with a doubt is read back, or for a safety value asked for again.
  const doubted = frame?.doubtful === true && frame.intent.alwaysConfirm === true;
  if (frame !== undefined && frame.answered && !doubted) {
    const sure = !frame.doubtful || !readBackComplete(frame.intent, frame.values);
    const said = spelledUtterance(frame.intent, text, frame.askedSlot);
    return proceed(context, frame.intent, frame.values, { sure, said });
  }
  if (match !== undefined && match.intent !== frame?.intent) {
    // A question the knowledge answers word for word is no request ("how long does a refund take").
    const answer = frame === undefined ? knowledgeAnswer(context, messages, text) : undefined;
    if (answer !== undefined && knowledgeFirst(match.intent, text, answer)) {
      return retrievalReply(context, answer);
    }
    // One word ("wifi", "human") for an intent that acts at once: read it back first.
    const readBack = saysOneThing(text) ? unsureReadBack(context, match.intent, text) : undefined;
    if (readBack !== undefined && (match.intent.slots ?? []).length === 0) return readBack;
    return proceedOn(context, match.intent, text);
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
  if (match !== undefined) return proceedOn(context, match.intent, text);
  const confirmAbove = script.confirmThreshold ?? DEFAULT_CONFIRM_THRESHOLD;
  const likely = ranked[0];
  // Matched, but about as well as another intent: read the likeliest back before anything else.
  const tied = likely !== undefined && likely.score >= threshold && !restsOnMeaning(likely);
  const readBack = likely === undefined ? undefined : unsureReadBack(context, likely.intent, text);
  if (tied && readBack !== undefined) return readBack;
  // …else it is no question for the knowledge base either: the caller asked for something.
  const answer = tied ? undefined : knowledgeAnswer(context, messages, text);
  if (answer !== undefined) return retrievalReply(context, answer);
  // Unsure: read the likeliest request back rather than guess or give up.
  if (likely !== undefined && likely.score >= confirmAbove && readBack !== undefined) {
    return readBack;
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
