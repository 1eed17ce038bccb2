import { classifyCompleteness } from '../listen/end-of-turn.ts';
import { spokenZeroes } from '../text/digits.ts';
import { decisionTokens } from '../text/tokens.ts';
import type {
  ConversationCommand,
  ConversationPolicy,
  ConversationState,
  PreparedReply,
} from './state.ts';
import { capUserText, userTranscript } from './user-turn.ts';

/**
 * Preemptive replies (what LiveKit calls preemptive generation): once the user's words are
 * final and read as finished, the reply to them is thought and spoken at once but held back;
 * the turn's end plays it if the words are the same, and it is discarded as soon as they are
 * not. The decisions are here; the runner holds the audio, the events and the tools.
 */

/** The user text a reply to these words receives (as `startReply` gives it). */
export function replyUserText(text: string, policy: ConversationPolicy): string {
  return capUserText(spokenZeroes(text, policy.language), policy.maxUserTextChars);
}

/** Words compared the way the turn's end and a preparation must agree on them. */
export function replyKey(userText: string): string {
  return decisionTokens(userText).join(' ');
}

/** The user text a reply may be prepared for now, or undefined. */
export function preparationText(s: ConversationState): string | undefined {
  const { policy, user } = s;
  if (!policy.preemptiveReply || policy.pushToTalk || user.holding || user.released) {
    return undefined;
  }
  // A reply still in progress would be merged with the turn (or the turn is over it).
  if (s.reply !== undefined && !s.reply.stopped) return undefined;
  // Words over the agent may be a listener's "mhm", forgotten rather than answered.
  if (user.overAgent && !user.tookFloor) return undefined;
  // Only final words: an interim is still being revised.
  if (user.interim !== '' || user.finals.length === 0) return undefined;
  const text = userTranscript(user);
  const verdict = classifyCompleteness(text, {
    language: policy.language,
    isExpectedPhrase: policy.isExpectedPhrase,
  });
  // Words that say the user goes on (a trailing "and", digits, "hold on") wait for more.
  if (verdict === 'incomplete' || verdict === 'asking-for-time') return undefined;
  const userText = replyUserText(text, policy);
  return replyKey(userText) === '' ? undefined : userText;
}

/** Prepares, keeps or discards the preemptive reply to fit the words heard so far. */
export function settlePreparation(
  s: ConversationState,
  out: ConversationCommand[],
): ConversationState {
  const userText = preparationText(s);
  const key = userText === undefined ? undefined : replyKey(userText);
  const prepared = s.prepared;
  if (prepared !== undefined && prepared.key === key) return s;
  const next = prepared === undefined ? s : discardPrepared(s, out);
  if (userText === undefined || key === undefined) return next;
  const turnId = next.nextTurnId;
  out.push({ type: 'prepare-reply', turnId, userText });
  const fresh: PreparedReply = { turnId, userText, key, toolRunning: false };
  return { ...next, nextTurnId: turnId + 1, prepared: fresh };
}

export function discardPrepared(
  s: ConversationState,
  out: ConversationCommand[],
): ConversationState {
  if (s.prepared === undefined) return s;
  out.push({ type: 'discard-reply', turnId: s.prepared.turnId });
  return { ...s, prepared: undefined };
}
