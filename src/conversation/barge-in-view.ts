import { interruptingWordCount } from '../listen/backchannel.ts';
import { type BargeInView, tooShortToInterrupt } from './barge-in.ts';
import { type ConversationState, LAG_STEP_MS, type ReplyState } from './state.ts';
import { stableTranscript, userTranscript } from './user-turn.ts';

/** What barge-in over `reply` is decided on, from the conversation's state. */
export function bargeInView(s: ConversationState, reply: ReplyState): BargeInView {
  return {
    bargeIn: reply.bargeIn,
    userSpeaking: s.user.speaking,
    text: userTranscript(s.user),
    stableText: stableTranscript(s.user),
    interim: s.user.interim,
    interimAtMs: s.user.interim === '' ? undefined : s.user.interimAtMs,
    nowMs: s.nowMs,
    vadLagMs: Math.min(s.lag.vadMs, s.policy.endOfTurn.maxEngineLagMs),
    sttLagMs: Math.min(s.lag.sttMs, s.policy.endOfTurn.maxEngineLagMs),
    toolRunning: reply.toolRunning,
    backchannelReading: s.user.backchannelReading,
  };
}

/**
 * Stable words over the agent that no VAD edge announced (a VAD that fell behind or missed a
 * quiet voice): words are speech, so they confirm a barge-in on their own.
 */
export function wordsTheVadMissed(s: ConversationState, reply: ReplyState): boolean {
  const { user, policy } = s;
  if (reply.bargeIn.phase !== 'idle' || user.speaking || user.speechEndedAtMs !== undefined) {
    return false;
  }
  // A VAD that is behind will report the speech: its edges, not the words alone, decide.
  if (s.lag.vadMs >= LAG_STEP_MS) return false;
  const stable = stableTranscript(user);
  // Late words of a short sound the VAD did time (a wordless stretch dropped before the
  // final came) are judged by the end of the turn, as a listener's noise or not.
  if (
    user.spokenMs > 0 &&
    tooShortToInterrupt(user.spokenMs, stable, policy, user.backchannelReading)
  ) {
    return false;
  }
  const { minWords, backchannels } = policy.interruption;
  return interruptingWordCount(stable, backchannels, policy.language) >= Math.max(1, minWords);
}
