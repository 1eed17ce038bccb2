import type { SessionEvent } from '../spec/events.ts';
import type { VendorEndOfTurn } from '../spec/stt.ts';
import type { EndOfTurnConfig, InterruptionConfig } from '../spec/turn.ts';

/** What the reducer's decisions depend on besides events: config and model capabilities. */
export interface ConversationPolicy {
  readonly endOfTurn: EndOfTurnConfig;
  readonly interruption: InterruptionConfig;
  /** BCP-47 tag of the agent: picks the row of the language table. */
  readonly language: string;
  /** The STT gives interim results: confirm interruptions on words, not on sustained speech. */
  readonly interimResults: boolean;
  /**
   * The STT's finals may carry the vendor's own end of turn (`capabilities.endOfTurn`, e.g.
   * Deepgram Flux, AssemblyAI): such a final ends the turn without waiting for silence.
   */
  readonly vendorEndOfTurn: boolean;
  readonly pushToTalk: boolean;
  /**
   * Start thinking and speaking (held back, silent) as soon as the words read as finished,
   * before the turn ends; the turn's end plays it if the words are the same (`prepareReply`).
   */
  readonly preemptiveReply: boolean;
  /** Pending and merged user text is capped to this; the oldest text is dropped. */
  readonly maxUserTextChars: number;
  readonly isExpectedPhrase: (transcript: string) => boolean;
}

/** The user's side of the floor: speech edges and the words of the turn in progress. */
export interface UserState {
  readonly speaking: boolean;
  /** True speech onset of the current (or last) stretch of speech, clock ms. */
  readonly onsetMs: number | undefined;
  /** Speech in the finished stretches of this turn, ms (the VAD's edges). */
  readonly spokenMs: number;
  readonly speechEndedAtMs: number | undefined;
  readonly finals: readonly string[];
  readonly interim: string;
  /** The interim before the latest one: words two interims agree on are stable. */
  readonly previousInterim: string;
  /** When the latest interim came: an STT still sending them is still catching up. */
  readonly interimAtMs: number | undefined;
  /**
   * The latest interim or final could also be heard as a backchannel (one of the STT's
   * alternative readings): its words hold off an interruption while the speech may be short.
   */
  readonly backchannelReading: boolean;
  readonly finalAtMs: number | undefined;
  /** When the latest final's last word ended (clock ms), when the STT gives word timings. */
  readonly wordsEndedAtMs: number | undefined;
  /**
   * The turn ended on the final's word timings before the VAD confirmed the silence: its
   * late end of speech closes that stretch and is no new one.
   */
  readonly vadEndPending: boolean;
  /** The latest final carried the vendor's (not eager) end of turn. */
  readonly vendorEndOfTurn: boolean;
  /** Push-to-talk is held down. */
  readonly holding: boolean;
  /** Push-to-talk was released: end the turn as soon as the words are final. */
  readonly released: boolean;
  /** The current speech began as mostly agent echo. */
  readonly echoOnset: boolean;
  /** This turn's speech began while the agent held the floor: a backchannel here is no turn. */
  readonly overAgent: boolean;
  /** This turn's speech interrupted the agent: its words are a turn, however short. */
  readonly tookFloor: boolean;
  /**
   * The last stretch of speech ended while the agent was still talking: it lay inside the
   * agent's speech, as a listener's "mhm" does (an answer overlapping the agent's last word
   * ends after it).
   */
  readonly endedOverAgent: boolean;
}

/**
 * Barge-in over one reply. `pending`: speech over the agent, not yet long enough to pause;
 * `paused`: audio held (reversible). It lives inside the reply, so it cannot outlive it.
 */
export interface BargeIn {
  readonly phase: 'idle' | 'pending' | 'paused';
  readonly onsetMs: number;
  /** When the user stopped speaking after the onset (the false-interruption clock). */
  readonly stoppedAtMs: number | undefined;
  /** The onset was mostly echo of the agent: only words may pause or interrupt. */
  readonly echo: boolean;
}

export interface ReplyState {
  readonly turnId: number;
  readonly userText: string;
  /** The greeting (fixed words, no user text). */
  readonly greeting: boolean;
  /** Its first audio frame went out. */
  readonly audible: boolean;
  /** When its first audio frame went out (clock ms). */
  readonly audibleAtMs: number | undefined;
  /**
   * It answers a spoken turn (not typed text, push-to-talk or the greeting): a user who goes
   * on within `continueGraceMs` of it becoming audible continues that turn.
   */
  readonly continuable: boolean;
  /** Interrupted (or cancelled): no longer holds the floor; ends soon. */
  readonly stopped: boolean;
  /** A tool call is running: the reply holds the floor even while silent. */
  readonly toolRunning: boolean;
  /** A tool call of the live reply went out: it may have changed the world. */
  readonly toolRan: boolean;
  /** The client's playback report for this reply, ms played. */
  readonly playedMs: number | undefined;
  readonly bargeIn: BargeIn;
}

/**
 * How far the VAD and the STT are behind the audio received, in ms of audio they have not
 * processed yet (reported in steps of `LAG_STEP_MS`; 0 when caught up).
 */
export interface EngineLag {
  readonly vadMs: number;
  readonly sttMs: number;
  /** When the STT last caught up after falling behind. */
  readonly sttCaughtUpAtMs: number | undefined;
}

/** Lag reports move in steps of this many ms: a lag below it counts as caught up. */
export const LAG_STEP_MS = 50;

/**
 * A reply thought and spoken ahead, held back (silent, its events held) until the turn ends:
 * committed if the turn ends with the same words, discarded otherwise.
 */
export interface PreparedReply {
  readonly turnId: number;
  readonly userText: string;
  /** The words normalised for comparison (`decisionTokens`). */
  readonly key: string;
  /** A read-only tool call of the preparation is running. */
  readonly toolRunning: boolean;
}

export interface ConversationState {
  readonly policy: ConversationPolicy;
  readonly nowMs: number;
  readonly nextTurnId: number;
  readonly user: UserState;
  /** The reply in progress, if any (at most one: a new one supersedes or follows it). */
  readonly reply: ReplyState | undefined;
  /** The reply prepared ahead of the turn's end, if any (at most one). */
  readonly prepared: PreparedReply | undefined;
  readonly lag: EngineLag;
  /** The one deadline the runner has scheduled. */
  readonly deadlineMs: number | undefined;
  /** When the last reply that made sound ended: speech whose onset lies before it began over the agent. */
  readonly agentAudibleUntilMs: number | undefined;
}

export type ConversationEvent =
  | {
      readonly type: 'vad-start';
      readonly nowMs: number;
      /** Estimated true onset (the VAD reports it a little late). */
      readonly onsetMs: number;
      /** 0..1 share of agent echo in the onset's audio (0 without an echo canceller). */
      readonly echoShare: number;
    }
  | { readonly type: 'vad-end'; readonly nowMs: number; readonly endedAtMs: number }
  | {
      readonly type: 'stt-interim';
      readonly nowMs: number;
      readonly text: string;
      /** Other readings of the same audio (the STT's `alternatives`). */
      readonly alternatives?: readonly string[];
    }
  | {
      readonly type: 'stt-final';
      readonly nowMs: number;
      readonly text: string;
      readonly alternatives?: readonly string[];
      /** When its last word ended (clock ms), when the STT gives word timings. */
      readonly wordsEndedAtMs?: number;
      /** The vendor's turn detector ended the turn with this final. */
      readonly endOfTurn?: VendorEndOfTurn;
    }
  /** The VAD's and STT's lag behind the audio received changed by a step. */
  | {
      readonly type: 'engine-lag';
      readonly nowMs: number;
      readonly vadLagMs: number;
      readonly sttLagMs: number;
    }
  | { readonly type: 'text'; readonly nowMs: number; readonly text: string }
  | { readonly type: 'ptt-down'; readonly nowMs: number }
  | { readonly type: 'ptt-up'; readonly nowMs: number }
  | { readonly type: 'greet'; readonly nowMs: number; readonly text: string }
  /** The application stops the reply in progress (a Realtime client's `response.cancel`). */
  | { readonly type: 'cancel'; readonly nowMs: number }
  | {
      readonly type: 'playback';
      readonly nowMs: number;
      readonly turnId: number;
      readonly playedMs: number;
    }
  | { readonly type: 'reply-first-audio'; readonly nowMs: number; readonly turnId: number }
  | {
      readonly type: 'tool-progress';
      readonly nowMs: number;
      readonly turnId: number;
      readonly running: boolean;
    }
  | { readonly type: 'reply-ended'; readonly nowMs: number; readonly turnId: number }
  | { readonly type: 'deadline'; readonly nowMs: number };

/** When the user's turn ended and how, for the metrics. */
export interface TurnTiming {
  /** Speech end (VAD), the push-to-talk release, or the moment text arrived. */
  readonly speechEndedAtMs: number;
  readonly detectedAtMs: number;
  readonly finalAtMs?: number;
}

export type ConversationCommand =
  | {
      readonly type: 'start-reply';
      readonly turnId: number;
      readonly userText: string;
      /** Fixed words to say without thinking (the greeting). */
      readonly fixedText?: string;
      /** The earlier reply this one replaces, its user text merged in. */
      readonly supersedes?: number;
      readonly timing: TurnTiming;
    }
  /**
   * Think and speak a reply to `userText` now, held back: no audio, no events, no tool that
   * changes the world, no history until `commit-reply`.
   */
  | { readonly type: 'prepare-reply'; readonly turnId: number; readonly userText: string }
  /** The turn ended with the prepared words: play the prepared reply and release its events. */
  | { readonly type: 'commit-reply'; readonly turnId: number; readonly timing: TurnTiming }
  /** The user went on or the words changed: abort the prepared reply; it leaves no trace. */
  | { readonly type: 'discard-reply'; readonly turnId: number }
  /** Drop a reply that said nothing and is replaced: it writes no history. */
  | { readonly type: 'cancel-reply'; readonly turnId: number }
  | { readonly type: 'pause'; readonly turnId: number }
  | { readonly type: 'resume'; readonly turnId: number }
  /**
   * The user went on with the turn this reply answers: stop it as `interrupt` does (the
   * client flushes), but it is no answer — no history, no turn end; the words it answered
   * are merged into the user's turn in progress.
   */
  | {
      readonly type: 'retract-reply';
      readonly turnId: number;
      readonly onsetMs: number;
      readonly playedMs: number | undefined;
    }
  /** Stop for good; the runner emits `interrupt` with the text heard up to `playedMs`. */
  | {
      readonly type: 'interrupt';
      readonly turnId: number;
      readonly onsetMs: number;
      readonly playedMs: number | undefined;
    }
  | { readonly type: 'emit'; readonly event: SessionEvent }
  | { readonly type: 'schedule'; readonly atMs: number }
  | { readonly type: 'cancel-deadline' }
  | { readonly type: 'open-mic' }
  | { readonly type: 'close-mic' }
  | { readonly type: 'finalize-stt' };

export interface Step {
  readonly state: ConversationState;
  readonly commands: readonly ConversationCommand[];
}

export const QUIET_USER: UserState = {
  speaking: false,
  onsetMs: undefined,
  spokenMs: 0,
  speechEndedAtMs: undefined,
  finals: [],
  interim: '',
  previousInterim: '',
  interimAtMs: undefined,
  backchannelReading: false,
  finalAtMs: undefined,
  wordsEndedAtMs: undefined,
  vadEndPending: false,
  vendorEndOfTurn: false,
  holding: false,
  released: false,
  echoOnset: false,
  overAgent: false,
  tookFloor: false,
  endedOverAgent: false,
};

export const NO_BARGE_IN: BargeIn = {
  phase: 'idle',
  onsetMs: 0,
  stoppedAtMs: undefined,
  echo: false,
};

export function initialConversation(policy: ConversationPolicy, nowMs = 0): ConversationState {
  return {
    policy,
    nowMs,
    nextTurnId: 1,
    user: QUIET_USER,
    reply: undefined,
    prepared: undefined,
    lag: { vadMs: 0, sttMs: 0, sttCaughtUpAtMs: undefined },
    deadlineMs: undefined,
    agentAudibleUntilMs: undefined,
  };
}
