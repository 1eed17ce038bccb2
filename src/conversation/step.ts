import {
  finalReadsAsBackchannel,
  isBackchannel,
  readsAsBackchannel,
} from '../listen/backchannel.ts';
import {
  bargeInDeadline,
  decideBargeIn,
  tooShortToInterrupt,
  VAD_END_HANGOVER_MS,
} from './barge-in.ts';
import {
  type ConversationCommand,
  type ConversationEvent,
  type ConversationState,
  LAG_STEP_MS,
  NO_BARGE_IN,
  type Step,
  type TurnTiming,
} from './state.ts';
import {
  agentHoldsFloor,
  audibleReply,
  interrupt,
  startReply,
  withReply,
  yieldFloor,
} from './floor.ts';
import { continueOrYield, stopForUser } from './continue-turn.ts';
import { bargeInView, wordsTheVadMissed } from './barge-in-view.ts';
import { settlePreparation } from './prepare.ts';
import {
  decideUserTurn,
  silenceInTheWords,
  userTranscript,
  withFinal,
  withoutWords,
} from './user-turn.ts';

export { agentHoldsFloor } from './floor.ts';

/**
 * The conversation as one pure reducer: every turn-taking fact (user speaking, agent
 * speaking or paused, pending user text, barge-in phase, pause time, deadlines) is in
 * `state`; every effect is a command for the runner. Time comes in on the events; the one
 * timer is a `schedule` command, answered by a `deadline` event.
 */
export function step(state: ConversationState, event: ConversationEvent): Step {
  const out: ConversationCommand[] = [];
  let s: ConversationState = { ...state, nowMs: Math.max(state.nowMs, event.nowMs) };
  s = apply(s, event, out);
  s = settleBargeIn(s, out);
  s = settleUserTurn(s, out);
  s = settlePreparation(s, out);
  s = reschedule(s, out);
  return { state: s, commands: out };
}

function apply(
  s: ConversationState,
  e: ConversationEvent,
  out: ConversationCommand[],
): ConversationState {
  const { policy, user } = s;
  switch (e.type) {
    case 'vad-start': {
      if (policy.pushToTalk) return s;
      const reply = audibleReply(s);
      const echo = reply !== undefined && e.echoShare >= policy.interruption.echoShareThreshold;
      const wordsPending = userTranscript(user) !== '';
      const next: ConversationState = {
        ...s,
        user: {
          ...user,
          speaking: true,
          vadEndPending: false,
          onsetMs: e.onsetMs,
          spokenMs: wordsPending ? user.spokenMs : 0,
          vendorEndOfTurn: false,
          speechEndedAtMs: undefined,
          echoOnset: echo,
          // Words still pending keep the turn's origin; fresh speech starts a fresh turn.
          // A VAD that lags seconds can report, after the reply, speech that began during it.
          overAgent:
            (user.overAgent && wordsPending) ||
            agentHoldsFloor(s) ||
            e.onsetMs < (s.agentAudibleUntilMs ?? -Infinity),
        },
      };
      if (!reply) return next;
      const bargeIn =
        reply.bargeIn.phase === 'idle'
          ? { ...NO_BARGE_IN, phase: 'pending' as const, onsetMs: e.onsetMs, echo }
          : { ...reply.bargeIn, stoppedAtMs: undefined };
      return withReply(next, { bargeIn });
    }
    case 'vad-end': {
      if (policy.pushToTalk) return s;
      // The turn already ended on the final's words: this is that stretch's late end.
      if (user.vadEndPending && !user.speaking) {
        return { ...s, user: { ...user, vadEndPending: false } };
      }
      const stretchMs = user.speaking
        ? Math.max(0, e.endedAtMs - (user.onsetMs ?? e.endedAtMs))
        : 0;
      const next = {
        ...s,
        user: {
          ...user,
          speaking: false,
          speechEndedAtMs: e.endedAtMs,
          spokenMs: user.spokenMs + stretchMs,
          endedOverAgent:
            audibleReply(s) !== undefined || e.endedAtMs < (s.agentAudibleUntilMs ?? -Infinity),
        },
      };
      const reply = audibleReply(s);
      if (!reply || reply.bargeIn.phase === 'idle') return next;
      return withReply(next, { bargeIn: { ...reply.bargeIn, stoppedAtMs: e.endedAtMs } });
    }
    case 'stt-interim':
      return {
        ...s,
        user: {
          ...user,
          previousInterim: user.interim,
          interim: e.text.trim(),
          interimAtMs: s.nowMs,
          backchannelReading: readsAsBackchannel(
            e.alternatives,
            policy.interruption,
            policy.language,
          ),
        },
      };
    case 'stt-final': {
      const heard = withFinal(user, e.text.trim(), policy);
      // A final with no VAD edge around it (the VAD missed the speech): now is its end, and
      // it was said as far back as the STT lags — over the agent if the agent talked then.
      const missedEnd = !policy.pushToTalk && !user.speaking && user.speechEndedAtMs === undefined;
      const saidAtMs = s.nowMs - Math.min(s.lag.sttMs, policy.endOfTurn.maxEngineLagMs);
      const saidOverAgent =
        missedEnd && (agentHoldsFloor(s) || saidAtMs < (s.agentAudibleUntilMs ?? -Infinity));
      // Eager hints (Flux `EagerEndOfTurn`) do not end the turn: a reply heard cannot be taken
      // back. (A preemptive reply, held back, is prepared on any final that reads finished.)
      const vendorEnd = e.endOfTurn !== undefined && e.endOfTurn.eager !== true;
      return {
        ...s,
        user: {
          ...heard,
          finalAtMs: s.nowMs,
          wordsEndedAtMs: e.wordsEndedAtMs,
          // An empty final says nothing of how the words before it could be heard.
          backchannelReading:
            e.text.trim() === ''
              ? user.backchannelReading
              : finalReadsAsBackchannel(e, user.interim, policy.interruption, policy.language),
          vendorEndOfTurn: vendorEnd,
          ...(missedEnd && { speechEndedAtMs: s.nowMs }),
          ...(saidOverAgent && { overAgent: true }),
        },
      };
    }
    case 'engine-lag': {
      const caughtUp = s.lag.sttMs >= LAG_STEP_MS && e.sttLagMs < LAG_STEP_MS;
      const lag = {
        vadMs: Math.max(0, e.vadLagMs),
        sttMs: Math.max(0, e.sttLagMs),
        sttCaughtUpAtMs: caughtUp ? s.nowMs : s.lag.sttCaughtUpAtMs,
      };
      return { ...s, lag };
    }
    case 'text': {
      const text = e.text.trim();
      if (text === '') return s;
      const timing = { speechEndedAtMs: s.nowMs, detectedAtMs: s.nowMs };
      // Typed text is whole when sent: it interrupts a reply, never continues its turn.
      return startReply(yieldFloor(s, s.nowMs, out), text, timing, out);
    }
    case 'cancel':
      // Like a confirmed barge-in: a playing reply is interrupted, a silent one cancelled.
      return yieldFloor(s, s.nowMs, out);
    case 'ptt-down': {
      if (user.holding) return s;
      out.push({ type: 'open-mic' });
      // Pressing the button over the agent stops it; its next turn merges with a silent reply.
      const next = agentHoldsFloor(s) ? interrupt(s, s.nowMs, out) : s;
      return {
        ...next,
        user: { ...withoutWords(user), speaking: true, holding: true, onsetMs: s.nowMs },
      };
    }
    case 'ptt-up': {
      if (!user.holding) return s;
      out.push({ type: 'close-mic' }, { type: 'finalize-stt' });
      // Push-to-talk turns are measured from the release.
      return {
        ...s,
        user: {
          ...user,
          speaking: false,
          holding: false,
          released: true,
          speechEndedAtMs: s.nowMs,
        },
      };
    }
    case 'greet': {
      const timing = { speechEndedAtMs: s.nowMs, detectedAtMs: s.nowMs };
      return startReply(s, '', timing, out, { fixedText: e.text });
    }
    case 'playback':
      return s.reply?.turnId === e.turnId ? withReply(s, { playedMs: e.playedMs }) : s;
    case 'reply-first-audio': {
      if (s.reply?.turnId !== e.turnId || s.reply.stopped) return s;
      const next = withReply(s, { audible: true, audibleAtMs: s.nowMs });
      if (user.holding) return interrupt(next, s.nowMs, out);
      if (!user.speaking || policy.pushToTalk) return next;
      // The user was already speaking when the audio started: that is barging in too.
      const onsetMs = user.onsetMs ?? s.nowMs;
      return {
        ...withReply(next, {
          bargeIn: { ...NO_BARGE_IN, phase: 'pending', onsetMs, echo: user.echoOnset },
        }),
        user: { ...user, overAgent: true },
      };
    }
    case 'tool-progress':
      if (s.prepared?.turnId === e.turnId) {
        return { ...s, prepared: { ...s.prepared, toolRunning: e.running } };
      }
      if (s.reply?.turnId !== e.turnId) return s;
      return withReply(s, { toolRunning: e.running, toolRan: s.reply.toolRan || e.running });
    case 'reply-ended': {
      if (s.reply?.turnId !== e.turnId) return s;
      const heard = s.reply.audible ? { agentAudibleUntilMs: s.nowMs } : {};
      return { ...s, ...heard, reply: undefined };
    }
    case 'deadline':
      return { ...s, deadlineMs: undefined };
  }
}

function settleBargeIn(s: ConversationState, out: ConversationCommand[]): ConversationState {
  const reply = audibleReply(s);
  if (!reply || s.policy.pushToTalk) return s;
  if (wordsTheVadMissed(s, reply)) return takeFloor(stopForUser(s, s.nowMs, out));
  const turnId = reply.turnId;
  switch (decideBargeIn(bargeInView(s, reply), s.policy)) {
    case 'none':
      return s;
    case 'forget':
      return withReply(s, { bargeIn: NO_BARGE_IN });
    case 'pause':
      out.push(
        { type: 'pause', turnId },
        { type: 'emit', event: { type: 'agent.paused', turnId } },
      );
      return withReply(s, { bargeIn: { ...reply.bargeIn, phase: 'paused' } });
    case 'resume': {
      out.push(
        { type: 'resume', turnId },
        { type: 'emit', event: { type: 'agent.resumed', turnId } },
      );
      const next = withReply(s, { bargeIn: NO_BARGE_IN });
      // Words from an interim wait for their final: the end of the turn forgets them then.
      return s.user.interim === '' ? forgetBackchannel(next, out) : next;
    }
    case 'interrupt':
      return takeFloor(stopForUser(s, reply.bargeIn.onsetMs, out));
  }
}

/** The user's speech interrupted the agent: its words are a turn, however short. */
function takeFloor(s: ConversationState): ConversationState {
  return { ...s, user: { ...s.user, tookFloor: true } };
}

/**
 * A backchannel said over the agent — or short speech with no interrupting word, however the
 * recogniser spelled it — is reported and forgotten rather than answered.
 */
function forgetBackchannel(s: ConversationState, out: ConversationCommand[]): ConversationState {
  const text = userTranscript(s.user);
  if (text === '' || !isListenerNoise(s, text)) return s;
  out.push({ type: 'emit', event: { type: 'user.backchannel', text } });
  return { ...s, user: withoutWords(s.user) };
}

function isListenerNoise(s: ConversationState, text: string): boolean {
  if (isBackchannel(text, s.policy.interruption.backchannels, s.policy.language)) return true;
  // While the agent waits on a tool it is not talking: short words then are meant; and
  // speech that has already interrupted the agent took the floor.
  if (s.user.tookFloor || (s.reply?.toolRunning === true && !s.reply.stopped)) return false;
  const { user } = s;
  // Only speech that lay inside the agent's: an answer that overlaps its last word is meant.
  if (user.speaking ? audibleReply(s) === undefined : !user.endedOverAgent) return false;
  const heardUntilMs = s.nowMs - Math.min(s.lag.vadMs, s.policy.endOfTurn.maxEngineLagMs);
  const heardSpeechUntilMs = heardUntilMs - VAD_END_HANGOVER_MS;
  const speakingMs = user.speaking
    ? Math.max(0, heardSpeechUntilMs - (user.onsetMs ?? heardSpeechUntilMs))
    : 0;
  // Speech the VAD never timed (words alone) is not known to be short.
  const spokenMs = user.spokenMs + speakingMs;
  return spokenMs > 0 && tooShortToInterrupt(spokenMs, text, s.policy, user.backchannelReading);
}

function settleUserTurn(s: ConversationState, out: ConversationCommand[]): ConversationState {
  const { user } = s;
  const decision = decideUserTurn(user, s.nowMs, s.policy, s.lag);
  if (decision.kind === 'wait') return s;
  // Speech with no words by the deadline is dropped, but a late final of it (a slow STT)
  // still counts as said over the agent, for as long as it was: a "yep" must not become a
  // turn after the reply.
  if (decision.kind === 'drop') {
    const kept = {
      // A push-to-talk turn stays released: a final that comes later still ends it.
      released: user.released && user.finals.length === 0 && user.interim === '',
      overAgent: user.overAgent,
      spokenMs: user.spokenMs,
      tookFloor: user.tookFloor,
      endedOverAgent: user.endedOverAgent,
    };
    return { ...s, user: { ...withoutWords(user), ...kept } };
  }
  const text = userTranscript(user);
  const noise = !s.policy.pushToTalk && isListenerNoise(s, text);
  if (noise && (user.overAgent || agentHoldsFloor(s))) {
    // Never a turn while the agent speaks; a pause it caused is undone.
    const paused = audibleReply(s)?.bargeIn.phase === 'paused' ? audibleReply(s) : undefined;
    if (paused) {
      const turnId = paused.turnId;
      out.push(
        { type: 'resume', turnId },
        { type: 'emit', event: { type: 'agent.resumed', turnId } },
      );
    }
    return forgetBackchannel(paused ? withReply(s, { bargeIn: NO_BARGE_IN }) : s, out);
  }
  // Ended on the final's words while the VAD still hears speech: its end is yet to come.
  const endedOnWords = silenceInTheWords(user, s.policy);
  const timing: TurnTiming = {
    speechEndedAtMs: endedOnWords ?? user.speechEndedAtMs ?? s.nowMs,
    detectedAtMs: s.nowMs,
    ...(user.finalAtMs !== undefined && { finalAtMs: user.finalAtMs }),
  };
  // A reply the user went on over is retracted: its words lead theirs.
  const yielded = continueOrYield(s, user.onsetMs ?? s.nowMs, out);
  const spoken = !s.policy.pushToTalk;
  const next = startReply(yielded, userTranscript(yielded.user), timing, out, { spoken });
  const left = withoutWords(user);
  return {
    ...next,
    user: endedOnWords === undefined ? left : { ...left, speaking: false, vadEndPending: true },
  };
}

/** The earliest moment the state must be looked at again. */
export function nextDeadline(s: ConversationState): number | undefined {
  const candidates: number[] = [];
  const reply = audibleReply(s);
  if (reply && !s.policy.pushToTalk) {
    const atMs = bargeInDeadline(bargeInView(s, reply), s.policy);
    if (atMs !== undefined) candidates.push(atMs);
  }
  const decision = decideUserTurn(s.user, s.nowMs, s.policy, s.lag);
  if (decision.kind === 'wait' && decision.untilMs !== undefined) candidates.push(decision.untilMs);
  const future = candidates.filter((atMs) => atMs > s.nowMs);
  return future.length === 0 ? undefined : Math.min(...future);
}

function reschedule(s: ConversationState, out: ConversationCommand[]): ConversationState {
  const atMs = nextDeadline(s);
  if (atMs === s.deadlineMs) return s;
  out.push(atMs === undefined ? { type: 'cancel-deadline' } : { type: 'schedule', atMs });
  return { ...s, deadlineMs: atMs };
}
