import { discardPrepared, replyKey, replyUserText } from './prepare.ts';
import {
  type ConversationCommand,
  type ConversationState,
  NO_BARGE_IN,
  type ReplyState,
  type TurnTiming,
} from './state.ts';

/** Who holds the floor, and the moves that hand it over: interrupt, cancel, start a reply. */

/** The agent holds the floor: its audio is playing (or paused), or a tool call is running. */
export function agentHoldsFloor(s: ConversationState): boolean {
  const reply = s.reply;
  return reply !== undefined && !reply.stopped && (reply.audible || reply.toolRunning);
}

export function audibleReply(s: ConversationState): ReplyState | undefined {
  return s.reply && s.reply.audible && !s.reply.stopped ? s.reply : undefined;
}

export function withReply(s: ConversationState, patch: Partial<ReplyState>): ConversationState {
  return s.reply ? { ...s, reply: { ...s.reply, ...patch } } : s;
}

/** Stops the current reply for good (if there is one to stop). */
export function interrupt(
  s: ConversationState,
  onsetMs: number,
  out: ConversationCommand[],
): ConversationState {
  const reply = s.reply;
  if (!reply || reply.stopped) return s;
  out.push({ type: 'interrupt', turnId: reply.turnId, onsetMs, playedMs: reply.playedMs });
  return withReply(s, { stopped: true, bargeIn: NO_BARGE_IN });
}

/**
 * The user takes the floor with a new turn: a reply that is playing is interrupted; one that
 * has said nothing yet is cancelled and its user text merged into the new turn (returned as
 * the `merge` prefix through `supersedes`).
 */
export function yieldFloor(s: ConversationState, onsetMs: number, out: ConversationCommand[]) {
  const reply = s.reply;
  if (!reply || reply.stopped) return s;
  if (reply.audible || reply.toolRunning) return interrupt(s, onsetMs, out);
  out.push({ type: 'cancel-reply', turnId: reply.turnId });
  return withReply(s, { stopped: true });
}

/**
 * Starts the reply to a turn that ended: the prepared reply when it was prepared for the same
 * words (committed: it plays at once), else a new one (a preparation for other words is
 * discarded first).
 */
export function startReply(
  state: ConversationState,
  userText: string,
  timing: TurnTiming,
  out: ConversationCommand[],
  how: { readonly fixedText?: string; readonly spoken?: boolean } = {},
): ConversationState {
  const { fixedText } = how;
  const cancelled = out.find((c) => c.type === 'cancel-reply');
  const mergeWith = cancelled && state.reply && !state.reply.greeting ? state.reply : undefined;
  const merged = mergeWith ? `${mergeWith.userText} ${userText}` : userText;
  const text = replyUserText(merged, state.policy);
  const prepared = state.prepared;
  if (prepared && fixedText === undefined && !mergeWith && replyKey(text) === prepared.key) {
    out.push({ type: 'commit-reply', turnId: prepared.turnId, timing });
    // Only a spoken turn is prepared for.
    const reply = newReply(prepared.turnId, prepared.userText, false, true);
    return {
      ...state,
      prepared: undefined,
      reply: { ...reply, toolRunning: prepared.toolRunning },
    };
  }
  const s = discardPrepared(state, out);
  const turnId = s.nextTurnId;
  out.push({
    type: 'start-reply',
    turnId,
    userText: text,
    ...(fixedText !== undefined && { fixedText }),
    ...(mergeWith && { supersedes: mergeWith.turnId }),
    timing,
  });
  const reply = newReply(turnId, text, fixedText !== undefined, how.spoken === true);
  return { ...s, nextTurnId: turnId + 1, reply };
}

function newReply(
  turnId: number,
  userText: string,
  greeting: boolean,
  spoken: boolean,
): ReplyState {
  return {
    turnId,
    userText,
    greeting,
    audible: false,
    audibleAtMs: undefined,
    continuable: spoken && !greeting,
    stopped: false,
    toolRunning: false,
    toolRan: false,
    playedMs: undefined,
    bargeIn: NO_BARGE_IN,
  };
}
