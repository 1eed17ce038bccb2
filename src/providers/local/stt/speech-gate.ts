/**
 * A pure energy gate with hangover that cuts a stream into utterances.
 * It works on 10 ms frames: the noise floor is the quietest (smoothed) level of
 * the last `floorWindowMs`; speech starts when `startFrames` frames in a row are
 * `startDb` above the floor and ends after `hangoverMs` of smoothed level below
 * `stopDb` above it.
 */
export interface SpeechGateOptions {
  readonly startDb: number;
  readonly stopDb: number;
  readonly startFrames: number;
  readonly hangoverMs: number;
  readonly floorWindowMs: number;
  /** The floor is never assumed quieter than this (digital silence). */
  readonly minFloorDb: number;
  /**
   * …nor louder than this, so a loud start is still heard as speech. It was -40: pink
   * noise 15 dB under a voice sits near -33 dBFS, so the floor was held 7 dB under the
   * noise, the end threshold (+6 dB) under the noise itself, and every noisy request ran
   * on to the end of its clip with the noise after it heard as words ("thigh").
   */
  readonly maxFloorDb: number;
  /** Decisions use the mean power of this many recent frames (steadies noise). */
  readonly smoothingFrames: number;
  /**
   * No speech starts before this much of the stream has been heard: the floor is
   * learned first. A stream that opens on noise otherwise took the noise for speech
   * (the floor starts at `minFloorDb`) and the grammar heard digits in it.
   */
  readonly warmupMs: number;
  /**
   * Frames at or below this level are digital silence — what the session's echo
   * stage gives the recogniser while only the agent's echo can be in the microphone
   * (the greeting, every reply): they say nothing of the room, so they stay out of
   * the floor, which keeps the noise heard before them. Counted as heard for `warmupMs`.
   */
  readonly silenceDb: number;
}

export const GATE_FRAME_MS = 10;

export const DEFAULT_GATE: SpeechGateOptions = {
  startDb: 10,
  stopDb: 6,
  startFrames: 3,
  hangoverMs: 200,
  floorWindowMs: 1500,
  minFloorDb: -65,
  maxFloorDb: -25,
  smoothingFrames: 3,
  warmupMs: 250,
  silenceDb: -90,
};

export interface SpeechGateState {
  /** Smoothed levels of the last `floorWindowMs`. */
  readonly recentDb: readonly number[];
  /** Raw levels of the last `smoothingFrames` frames. */
  readonly rawDb: readonly number[];
  readonly inSpeech: boolean;
  /** Consecutive frames on the other side of the threshold. */
  readonly run: number;
  /** Frames seen since the stream began, digital silence included. */
  readonly framesHeard: number;
}

export type GateEvent = 'speech-start' | 'speech-end' | undefined;

export const initialGateState: SpeechGateState = {
  recentDb: [],
  rawDb: [],
  inSpeech: false,
  run: 0,
  framesHeard: 0,
};

/** RMS level of a frame in dB relative to full scale (-100 for digital silence). */
export function frameLevelDb(samples: Int16Array): number {
  let sum = 0;
  for (const sample of samples) sum += sample * sample;
  const rms = Math.sqrt(sum / Math.max(1, samples.length)) / 32768;
  return rms > 0 ? Math.max(-100, 20 * Math.log10(rms)) : -100;
}

export function noiseFloorDb(state: SpeechGateState, options: SpeechGateOptions): number {
  const quietest = state.recentDb.length > 0 ? Math.min(...state.recentDb) : options.minFloorDb;
  return Math.min(options.maxFloorDb, Math.max(options.minFloorDb, quietest));
}

/** Advances the gate by one 10 ms frame of level `levelDb`. */
export function stepGate(
  state: SpeechGateState,
  levelDb: number,
  options: SpeechGateOptions = DEFAULT_GATE,
): { state: SpeechGateState; event: GateEvent } {
  const floor = noiseFloorDb(state, options);
  const rawDb = [...state.rawDb.slice(-(options.smoothingFrames - 1)), levelDb];
  const smoothDb = meanPowerDb(rawDb);
  const windowFrames = Math.max(1, Math.round(options.floorWindowMs / GATE_FRAME_MS));
  // A smoothed level with digital silence in it is lower than the room: left out too.
  const recentDb = rawDb.some((rawLevelDb) => rawLevelDb <= options.silenceDb)
    ? state.recentDb
    : [...state.recentDb.slice(-(windowFrames - 1)), smoothDb];
  const framesHeard = state.framesHeard + 1;
  const next = (inSpeech: boolean, run: number): SpeechGateState => ({
    recentDb,
    rawDb,
    inSpeech,
    run,
    framesHeard,
  });
  if (!state.inSpeech) {
    const warm = state.framesHeard * GATE_FRAME_MS >= options.warmupMs;
    const run = warm && levelDb > floor + options.startDb ? state.run + 1 : 0;
    if (run >= options.startFrames) return { state: next(true, 0), event: 'speech-start' };
    return { state: next(false, run), event: undefined };
  }
  const run = smoothDb < floor + options.stopDb ? state.run + 1 : 0;
  if (run * GATE_FRAME_MS >= options.hangoverMs) {
    return { state: next(false, 0), event: 'speech-end' };
  }
  return { state: next(true, run), event: undefined };
}

function meanPowerDb(levelsDb: readonly number[]): number {
  let power = 0;
  for (const levelDb of levelsDb) power += 10 ** (levelDb / 10);
  return 10 * Math.log10(power / Math.max(1, levelsDb.length));
}
