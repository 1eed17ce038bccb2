/**
 * Start/end hysteresis for a VAD, as a pure reducer over per-frame speech
 * probabilities. Speech starts once p ≥ threshold has held for minSpeechMs and
 * ends once p < negThreshold has held for minSilenceMs.
 *
 * Reported times estimate the true onset/offset, not the confirmation time:
 * `speech-start.atMs` is the start of the first frame of the qualifying run
 * minus `onsetLeadMs`; `speech-end.atMs` is the end of the last frame with
 * p ≥ offsetThreshold (or, if none reached it, p ≥ threshold) minus
 * `offsetLagMs`. Silero's probability rises about a frame late and decays
 * over a few frames after the offset, longer in noise; the last confident
 * frame marks the offset better than the last frame above threshold. A start is therefore confirmed about minSpeechMs + onsetLeadMs after
 * its atMs, an end about minSilenceMs + offsetLagMs after its atMs.
 */
export interface HysteresisConfig {
  readonly threshold: number;
  readonly negThreshold: number;
  readonly minSpeechMs: number;
  readonly minSilenceMs: number;
  readonly frameMs: number;
  readonly offsetThreshold: number;
  readonly onsetLeadMs: number;
  readonly offsetLagMs: number;
}

export interface HysteresisState {
  readonly speaking: boolean;
  /** Start of the run of frames that may become a start (or end) event. */
  readonly runStartMs: number | undefined;
  /** Highest probability in the current run (start) or lowest (end). */
  readonly runProbability: number;
  readonly speechStartMs: number;
  /** End of the last frame with p ≥ threshold while speaking. */
  readonly lastSpeechEndMs: number;
  /** End of the last frame with p ≥ offsetThreshold while speaking. */
  readonly lastConfidentEndMs: number | undefined;
}

export type HysteresisEvent =
  | { readonly type: 'speech-start'; readonly atMs: number; readonly probability: number }
  | {
      readonly type: 'speech-end';
      readonly atMs: number;
      readonly probability: number;
      readonly speechMs: number;
    };

export interface HysteresisStep {
  readonly state: HysteresisState;
  readonly event: HysteresisEvent | undefined;
}

export const initialHysteresis: HysteresisState = {
  speaking: false,
  runStartMs: undefined,
  runProbability: 0,
  speechStartMs: 0,
  lastSpeechEndMs: 0,
  lastConfidentEndMs: undefined,
};

/** Feeds one frame (starting at `startMs` of audio) with speech probability `probability`. */
export function stepHysteresis(
  state: HysteresisState,
  startMs: number,
  probability: number,
  config: HysteresisConfig,
): HysteresisStep {
  return state.speaking
    ? stepSpeaking(state, startMs, probability, config)
    : stepSilent(state, startMs, probability, config);
}

function stepSilent(
  state: HysteresisState,
  startMs: number,
  probability: number,
  config: HysteresisConfig,
): HysteresisStep {
  if (probability < config.threshold) {
    return { state: initialHysteresis, event: undefined };
  }
  const runStartMs = state.runStartMs ?? startMs;
  const runProbability = Math.max(state.runProbability, probability);
  const endMs = startMs + config.frameMs;
  if (endMs - runStartMs < config.minSpeechMs) {
    return { state: { ...state, runStartMs, runProbability }, event: undefined };
  }
  const atMs = Math.max(0, runStartMs - config.onsetLeadMs);
  return {
    state: {
      speaking: true,
      runStartMs: undefined,
      runProbability: 1,
      speechStartMs: atMs,
      lastSpeechEndMs: endMs,
      lastConfidentEndMs: runProbability >= config.offsetThreshold ? endMs : undefined,
    },
    event: { type: 'speech-start', atMs, probability: runProbability },
  };
}

function stepSpeaking(
  state: HysteresisState,
  startMs: number,
  probability: number,
  config: HysteresisConfig,
): HysteresisStep {
  const endMs = startMs + config.frameMs;
  const lastSpeechEndMs = probability >= config.threshold ? endMs : state.lastSpeechEndMs;
  const lastConfidentEndMs =
    probability >= config.offsetThreshold ? endMs : state.lastConfidentEndMs;
  const tracked = { ...state, lastSpeechEndMs, lastConfidentEndMs };
  if (probability >= config.negThreshold) {
    return { state: { ...tracked, runStartMs: undefined, runProbability: 1 }, event: undefined };
  }
  const runStartMs = state.runStartMs ?? startMs;
  const runProbability = Math.min(state.runProbability, probability);
  if (endMs - runStartMs < config.minSilenceMs) {
    return { state: { ...tracked, runStartMs, runProbability }, event: undefined };
  }
  return {
    state: initialHysteresis,
    event: speechEnd(state, runProbability, config),
  };
}

/**
 * Ends the stream at `endMs` of audio: an open segment ends as if its
 * trailing silence were confirmed, or at the end of the audio if it was still
 * speaking (`lastProbability` is then the last frame's probability).
 */
export function flushHysteresis(
  state: HysteresisState,
  endMs: number,
  lastProbability: number,
  config: HysteresisConfig,
): HysteresisEvent | undefined {
  if (!state.speaking) return undefined;
  if (state.runStartMs !== undefined) return speechEnd(state, state.runProbability, config);
  return {
    type: 'speech-end',
    atMs: endMs,
    probability: lastProbability,
    speechMs: endMs - state.speechStartMs,
  };
}

function speechEnd(
  state: HysteresisState,
  probability: number,
  config: HysteresisConfig,
): HysteresisEvent {
  const lastMs = state.lastConfidentEndMs ?? state.lastSpeechEndMs;
  const atMs = Math.max(state.speechStartMs, lastMs - config.offsetLagMs);
  return { type: 'speech-end', atMs, probability, speechMs: atMs - state.speechStartMs };
}
