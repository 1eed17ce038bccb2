import {
  holdsInterruptingWord,
  interruptingWordCount,
  isBackchannel,
} from '../listen/backchannel.ts';
import { DEFAULT_INTERRUPTION } from './defaults.ts';
import { type BargeIn, type ConversationPolicy, LAG_STEP_MS } from './state.ts';

/**
 * Barge-in over one reply, two-stage: *pause* on audio evidence (reversible), *interrupt*
 * on confirmation — words, or sustained speech when the STT has no interim results.
 *
 *   idle ──speech──► pending ──minSpeechMs──► paused ──words / sustained speech──► interrupt
 *                      │  └──words──────────────────────────────────────────────► interrupt
 *
 * Words confirm once they are stable: in a final, or in two interims in a row (the first
 * interim of a short sound is often a stray word that the next one revises) — and once the
 * speech has lasted `minInterruptingSpeechMs`, unless they hold an interrupting word ("stop",
 * "wait"): a recogniser makes words of a short "mhm", so short speech is a listener's noise.
 * An interim holding an interrupting word also confirms once it has stood unrevised for
 * `interimSettledMs` while the user speaks (an STT sends nothing while its guess holds).
 *                      └──speech ends / backchannel──► idle
 *   paused ──user stopped + backchannel, or no words falseInterruptionTimeoutMs after──► resume
 *            (counted once the STT has processed the speech: a lagging STT's words are awaited)
 *   paused ──user stopped after ≥ maxBackchannelMs of speech with words──► interrupt
 *   paused ──user stopped after < minInterruptingSpeechMs, words but none interrupting──► resume
 *   paused ──user stopped after < maxBackchannelMs, words that also read as a backchannel──► resume
 *
 * It never resumes while the user is still speaking, and an onset that is mostly echo of the
 * agent (or any onset with `requireWordsToPause`) pauses only on words.
 */
export type BargeInAction = 'none' | 'pause' | 'resume' | 'interrupt' | 'forget';

export interface BargeInView {
  readonly bargeIn: BargeIn;
  readonly userSpeaking: boolean;
  /** What the user has said since the onset. */
  readonly text: string;
  /** The part of it that is settled: finals, and what two interims agree on. */
  readonly stableText: string;
  /** The latest interim, and when it came (undefined when none is pending). */
  readonly interim: string;
  readonly interimAtMs: number | undefined;
  readonly nowMs: number;
  /** Audio the VAD has not processed yet: speech it has not heard. */
  readonly vadLagMs: number;
  /** Audio the STT has not processed yet: "no words" means nothing until it has. */
  readonly sttLagMs: number;
  /** The reply waits on a tool: short words then are meant, not a listener's noise. */
  readonly toolRunning: boolean;
  /**
   * The latest words could also be heard as a backchannel (an alternative reading from the
   * STT): they confirm nothing until the VAD has timed the speech, and even an interrupting
   * word among them ("no" spotted over an "uh-huh") is a listener's noise when it is short.
   */
  readonly backchannelReading: boolean;
}

function confirmedByWords(text: string, policy: ConversationPolicy): boolean {
  const { minWords, backchannels } = policy.interruption;
  return interruptingWordCount(text, backchannels, policy.language) >= Math.max(1, minWords);
}

/**
 * How long a VAD goes on reporting speech after it ended (Silero's `minSilenceMs` here): while
 * the user is still "speaking", this much of what the VAD heard may be the silence after a
 * short "mhm", so it is not counted until the VAD reports the true end.
 */
export const VAD_END_HANGOVER_MS = 300;

/**
 * Ms of speech since the barge-in's onset: up to the true end once the user stopped; while
 * they speak, as far as the VAD has heard (a lagging VAD reports onsets from the past) less
 * the VAD's hangover.
 */
function spokenMs(view: BargeInView): number {
  const { bargeIn, userSpeaking, nowMs } = view;
  const untilMs = userSpeaking
    ? nowMs - view.vadLagMs - VAD_END_HANGOVER_MS
    : (bargeIn.stoppedAtMs ?? bargeIn.onsetMs);
  return Math.max(0, untilMs - bargeIn.onsetMs);
}

/**
 * Speech too short to interrupt, a listener's noise misheard: words that hold nothing that
 * interrupts, shorter than `minInterruptingSpeechMs`; or words that could also be heard as a
 * backchannel (`backchannelReading`), shorter than `maxBackchannelMs` — a hum ("mhm",
 * "mm-hmm") can last 0.6–1.2 s, and the recogniser makes words of it ("to make sure").
 */
export function tooShortToInterrupt(
  ms: number,
  text: string,
  policy: ConversationPolicy,
  backchannelReading = false,
): boolean {
  const { minInterruptingSpeechMs, maxBackchannelMs } = policy.interruption;
  if (backchannelReading) return ms < Math.max(maxBackchannelMs, minInterruptingSpeechMs);
  return ms < minInterruptingSpeechMs && !holdsInterruptingWord(text, policy.language);
}

/**
 * Words with a backchannel reading wait, while the user speaks, for the VAD to time the
 * speech (its estimate while speaking runs long when its end comes late), unless the speech
 * has gone on past `maxBackchannelMs`: no listener's noise lasts that long.
 */
function heldByReading(view: BargeInView, policy: ConversationPolicy): boolean {
  return (
    view.backchannelReading &&
    view.userSpeaking &&
    spokenMs(view) < policy.interruption.maxBackchannelMs
  );
}

function onlyBackchannel(text: string, policy: ConversationPolicy): boolean {
  return (
    text.trim() !== '' && isBackchannel(text, policy.interruption.backchannels, policy.language)
  );
}

function pausesOnAudio(view: BargeInView, policy: ConversationPolicy): boolean {
  const { requireWordsToPause } = policy.interruption;
  return !requireWordsToPause && !view.bargeIn.echo && !onlyBackchannel(view.text, policy);
}

/**
 * When the latest interim, if it holds an interrupting word and enough words (`minWords`; a
 * listener's noise has none), counts as settled: `interimSettledMs` after it came, while the user is
 * still speaking and the STT keeps up (a lagging STT's silence means nothing).
 */
function interimSettlesAtMs(view: BargeInView, policy: ConversationPolicy): number | undefined {
  const { interim, interimAtMs } = view;
  if (!view.userSpeaking || interimAtMs === undefined || view.sttLagMs >= LAG_STEP_MS) {
    return undefined;
  }
  if (view.backchannelReading) return undefined;
  if (!holdsInterruptingWord(interim, policy.language)) return undefined;
  if (!confirmedByWords(interim, policy)) return undefined;
  const settleMs =
    policy.interruption.interimSettledMs ?? DEFAULT_INTERRUPTION.interimSettledMs ?? 200;
  return interimAtMs + settleMs;
}

export function decideBargeIn(view: BargeInView, policy: ConversationPolicy): BargeInAction {
  const { bargeIn, userSpeaking, text, nowMs } = view;
  const config = policy.interruption;
  if (bargeIn.phase === 'idle') return 'none';
  const reading = view.backchannelReading;
  const short =
    !view.toolRunning &&
    (heldByReading(view, policy) ||
      tooShortToInterrupt(spokenMs(view), view.stableText, policy, reading));
  if (confirmedByWords(view.stableText, policy) && !short) return 'interrupt';
  const settlesAtMs = interimSettlesAtMs(view, policy);
  if (settlesAtMs !== undefined && nowMs >= settlesAtMs) return 'interrupt';
  const sinceOnsetMs = nowMs - bargeIn.onsetMs;
  if (bargeIn.phase === 'pending') {
    if (!userSpeaking) return 'forget';
    if (!pausesOnAudio(view, policy) || sinceOnsetMs < config.minSpeechMs) return 'none';
    return config.minWords === 0 ? 'interrupt' : 'pause';
  }
  if (userSpeaking) {
    const sustained = !policy.interimResults && sinceOnsetMs >= config.sustainedSpeechMs;
    return sustained && !onlyBackchannel(text, policy) ? 'interrupt' : 'none';
  }
  const stoppedAtMs = bargeIn.stoppedAtMs ?? bargeIn.onsetMs;
  if (text.trim() !== '' && stoppedAtMs - bargeIn.onsetMs >= config.maxBackchannelMs) {
    return 'interrupt';
  }
  if (onlyBackchannel(text, policy)) return 'resume';
  // A reading given with an interim waits for the final's: the interim's may not hold.
  const settledReading = reading && view.interim === '';
  const noise =
    !view.toolRunning && tooShortToInterrupt(spokenMs(view), text, policy, settledReading);
  if (text.trim() !== '' && noise) return 'resume';
  return nowMs >= stoppedAtMs + config.falseInterruptionTimeoutMs + view.sttLagMs
    ? 'resume'
    : 'none';
}

/** When barge-in must be looked at again, if nothing else happens first. */
export function bargeInDeadline(view: BargeInView, policy: ConversationPolicy): number | undefined {
  const { bargeIn, userSpeaking } = view;
  const config = policy.interruption;
  // Stable words that wait only for the speech to last long enough.
  const speechNeededMs = view.backchannelReading
    ? config.maxBackchannelMs
    : config.minInterruptingSpeechMs;
  const wordsWaitMs =
    userSpeaking && confirmedByWords(view.stableText, policy)
      ? bargeIn.onsetMs + speechNeededMs + view.vadLagMs + VAD_END_HANGOVER_MS
      : undefined;
  const settlesAtMs = interimSettlesAtMs(view, policy);
  if (bargeIn.phase === 'pending') {
    const pauseMs =
      userSpeaking && pausesOnAudio(view, policy)
        ? bargeIn.onsetMs + config.minSpeechMs
        : undefined;
    return earliest(pauseMs, wordsWaitMs, settlesAtMs);
  }
  if (bargeIn.phase !== 'paused') return undefined;
  if (userSpeaking) {
    const sustainedMs = policy.interimResults
      ? undefined
      : bargeIn.onsetMs + config.sustainedSpeechMs;
    return earliest(sustainedMs, wordsWaitMs, settlesAtMs);
  }
  return (
    (bargeIn.stoppedAtMs ?? bargeIn.onsetMs) + config.falseInterruptionTimeoutMs + view.sttLagMs
  );
}

function earliest(...times: readonly (number | undefined)[]): number | undefined {
  const defined = times.filter((t): t is number => t !== undefined);
  return defined.length === 0 ? undefined : Math.min(...defined);
}
