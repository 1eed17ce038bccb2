import { holdsInterruptingWord, interruptingWordCount } from '../listen/backchannel.ts';
import { interrupt, withReply, yieldFloor } from './floor.ts';
import {
  type ConversationCommand,
  type ConversationPolicy,
  type ConversationState,
  NO_BARGE_IN,
  type ReplyState,
} from './state.ts';
import { capUserText, userTranscript } from './user-turn.ts';

/**
 * A user who pauses after words that sound finished and then goes on ("I want to check my
 * order … number four five seven one") did not mean the pause as the end of their turn. When
 * they go on within `continueGraceMs` of the reply becoming audible — before the agent has
 * said much — the reply is retracted rather than interrupted: stopped, no answer in history,
 * and the words it answered lead the user's turn in progress, answered once when it ends.
 *
 * Only words that go on: a backchannel or a listener's noise stays one, and words that hold
 * an interrupting word ("no", "wait", "stop", "actually") are said to the agent, and
 * interrupt it. Not for a reply whose tool call went out (it may have changed the world: the
 * user hears it was done, and it is interrupted as usual), nor one waiting on a tool, nor one
 * to typed text, push-to-talk or the greeting.
 */
export function continuesTurn(s: ConversationState, reply: ReplyState, onsetMs: number): boolean {
  const graceMs = s.policy.endOfTurn.continueGraceMs ?? 0;
  if (graceMs <= 0 || !reply.continuable || reply.stopped) return false;
  if (reply.toolRunning || reply.toolRan) return false;
  if (!goesOn(userTranscript(s.user), s.policy)) return false;
  // The VAD never saw the speech of the turn end: the user has not stopped at all.
  if (s.user.vadEndPending) return true;
  return onsetMs <= (reply.audibleAtMs ?? Infinity) + graceMs;
}

/** The reply stopped for good, its user text put back at the head of the user's words. */
export function retract(
  s: ConversationState,
  reply: ReplyState,
  onsetMs: number,
  out: ConversationCommand[],
): ConversationState {
  out.push({ type: 'retract-reply', turnId: reply.turnId, onsetMs, playedMs: reply.playedMs });
  const { user, policy } = s;
  const joined = [reply.userText, ...user.finals].join(' ');
  return {
    ...withReply(s, { stopped: true, bargeIn: NO_BARGE_IN }),
    user: { ...user, finals: [capUserText(joined, policy.maxUserTextChars)], tookFloor: true },
  };
}

/**
 * Confirmed speech over an audible reply: the user continuing their turn retracts it, anyone
 * else interrupts it. Either way the user's words are a turn.
 */
export function stopForUser(
  s: ConversationState,
  onsetMs: number,
  out: ConversationCommand[],
): ConversationState {
  const reply = s.reply;
  if (!reply || !continuesTurn(s, reply, onsetMs)) return interrupt(s, onsetMs, out);
  const retracted = retract(s, reply, onsetMs, out);
  const { user } = retracted;
  // Words with no VAD edge inside a stretch the VAD has not ended: the user is still speaking.
  const stillSpeaking = user.vadEndPending && !user.speaking;
  return stillSpeaking
    ? { ...retracted, user: { ...user, speaking: true, vadEndPending: false } }
    : retracted;
}

/**
 * The user's turn ended over the reply: an audible reply the user went on over is retracted
 * (its words are merged into the turn), else the floor is yielded as usual (a reply that said
 * nothing yet is cancelled and merged, one that spoke is interrupted).
 */
export function continueOrYield(
  s: ConversationState,
  onsetMs: number,
  out: ConversationCommand[],
): ConversationState {
  const reply = s.reply;
  if (reply?.audible === true && continuesTurn(s, reply, onsetMs)) {
    return retract(s, reply, onsetMs, out);
  }
  return yieldFloor(s, onsetMs, out);
}

/** Words that carry the sentence on: some that are no backchannel, none said to the agent. */
function goesOn(text: string, policy: ConversationPolicy): boolean {
  const { backchannels } = policy.interruption;
  if (interruptingWordCount(text, backchannels, policy.language) === 0) return false;
  return !holdsInterruptingWord(text, policy.language);
}
