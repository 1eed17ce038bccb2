import {
  classifyCompleteness,
  decideEndOfTurn,
  type EndOfTurnDecision,
} from '../listen/end-of-turn.ts';
import { decisionTokens } from '../text/tokens.ts';
import { type ConversationPolicy, type EngineLag, LAG_STEP_MS, type UserState } from './state.ts';

/** Everything heard in the user's turn so far: its finals and the latest interim. */
export function userTranscript(user: UserState): string {
  return [...user.finals, user.interim].filter((t) => t !== '').join(' ');
}

/**
 * The words an interruption may be confirmed on: the finals, and the start that the last two
 * interims agree on. A recogniser's first guess at a short sound is often a stray word
 * ("tell", "two" for "okay") that the next interim or the final revises; words that survive
 * a revision are what the user said.
 */
export function stableTranscript(user: UserState): string {
  const latest = decisionTokens(user.interim);
  const before = decisionTokens(user.previousInterim);
  let agreed = 0;
  while (agreed < latest.length && latest[agreed] === before[agreed]) agreed++;
  return [...user.finals, latest.slice(0, agreed).join(' ')].filter((t) => t !== '').join(' ');
}

/**
 * Keeps the last `maxChars` characters of user text, starting at a word: the oldest text
 * is dropped so a runaway transcript or merge cannot grow without bound.
 */
export function capUserText(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  const tail = text.slice(text.length - maxChars);
  const startsAtWord = /\s/.test(text.charAt(text.length - maxChars - 1));
  const firstSpace = tail.search(/\s/);
  return (startsAtWord || firstSpace < 0 ? tail : tail.slice(firstSpace)).trim();
}

/** A final added to the user's turn, the total capped. */
export function withFinal(user: UserState, text: string, policy: ConversationPolicy): UserState {
  const finals = text === '' ? user.finals : [...user.finals, text];
  const joined = finals.join(' ');
  const capped = joined.length > policy.maxUserTextChars;
  return {
    ...user,
    interim: '',
    previousInterim: '',
    interimAtMs: undefined,
    finals: capped ? [capUserText(joined, policy.maxUserTextChars)] : finals,
  };
}

/** The words of the turn forgotten (it ended, or it was a backchannel); speech edges kept. */
export function withoutWords(user: UserState): UserState {
  return {
    ...user,
    finals: [],
    interim: '',
    previousInterim: '',
    interimAtMs: undefined,
    backchannelReading: false,
    speechEndedAtMs: undefined,
    finalAtMs: undefined,
    wordsEndedAtMs: undefined,
    vendorEndOfTurn: false,
    spokenMs: 0,
    released: false,
    overAgent: false,
    tookFloor: false,
    endedOverAgent: false,
    echoOnset: user.speaking && user.echoOnset,
  };
}

/**
 * Should the user's turn end now? Push-to-talk ends on release, once the STT has caught up
 * with the audio and given its final (a lagging STT is waited for, up to `maxEngineLagMs`);
 * voice ends on silence and words (`decideEndOfTurn`).
 */
export function decideUserTurn(
  user: UserState,
  nowMs: number,
  policy: ConversationPolicy,
  lag: EngineLag,
): EndOfTurnDecision {
  const transcript = userTranscript(user);
  const config = policy.endOfTurn;
  const finalReceived = user.interim === '' && user.finals.length > 0;
  if (policy.pushToTalk || user.holding || user.released) {
    if (!user.released) return { kind: 'wait', untilMs: undefined };
    const caughtUp = lag.sttMs < LAG_STEP_MS;
    if (finalReceived && caughtUp) return { kind: 'end' };
    // Dropped with nothing heard by the deadline: a final that still comes ends the turn.
    if (user.speechEndedAtMs === undefined) return { kind: 'wait', untilMs: undefined };
    const releasedAtMs = user.speechEndedAtMs;
    const fromMs = Math.max(releasedAtMs, lag.sttCaughtUpAtMs ?? releasedAtMs);
    const deadlineMs = Math.min(
      fromMs + config.sttFinalTimeoutMs + lag.sttMs,
      releasedAtMs + config.maxEngineLagMs,
    );
    if (nowMs < deadlineMs) return { kind: 'wait', untilMs: deadlineMs };
    return transcript === '' ? { kind: 'drop' } : { kind: 'end' };
  }
  const wordsEndedAtMs = silenceInTheWords(user, policy);
  return decideEndOfTurn(
    {
      nowMs,
      userSpeaking: user.speaking && wordsEndedAtMs === undefined,
      speechEndedAtMs: wordsEndedAtMs ?? user.speechEndedAtMs,
      transcript,
      finalReceived,
      interimAtMs: user.interimAtMs,
      vendorEndOfTurn: policy.vendorEndOfTurn && user.vendorEndOfTurn,
      vadLagMs: lag.vadMs,
      sttLagMs: lag.sttMs,
      sttCaughtUpAtMs: lag.sttCaughtUpAtMs,
    },
    config,
    { language: policy.language, isExpectedPhrase: policy.isExpectedPhrase },
  );
}

/**
 * When the final's words say the user's speech ended before the VAD has confirmed it (Silero
 * needs 300 ms of silence and reports it ~120 ms later): the end of the last word, if the
 * words are final, read as complete and lie in the current stretch of speech. The silence
 * after it is still counted (`completeSilenceMs`); this only stops waiting for the VAD to say so.
 */
export function silenceInTheWords(user: UserState, policy: ConversationPolicy): number | undefined {
  const endedAtMs = user.wordsEndedAtMs;
  if (!policy.endOfTurn.endOnFinalWords || !user.speaking || endedAtMs === undefined) {
    return undefined;
  }
  if (user.interim !== '' || user.finals.length === 0) return undefined;
  if (endedAtMs < (user.onsetMs ?? Infinity)) return undefined;
  const context = { language: policy.language, isExpectedPhrase: policy.isExpectedPhrase };
  return classifyCompleteness(userTranscript(user), context) === 'complete' ? endedAtMs : undefined;
}
