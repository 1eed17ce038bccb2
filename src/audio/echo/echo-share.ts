/**
 * The own-voice estimate (pure): for each 10 ms frame, how much of the residual left after
 * cancellation is the agent's echo. Levels are in dB (full scale squared).
 *
 * - `farRefDb`: the aligned far-end level, peak-held over the echo's spread and decaying.
 * - `pathGainDb`: the echo path gain (near ÷ far when only echo is present); learnt as a lower
 *   envelope (falls fast, rises slowly) so a user talking over the agent does not raise it.
 * - Double talk: the near end is louder than the echo the path gain predicts, by a margin.
 * - `residualGainDb`: what the canceller leaves of the far end (cleaned ÷ far), learnt on
 *   echo-only frames; the predicted residual echo over the cleaned level is the share.
 */
export interface EchoShareOptions {
  /** Far-end reference at or above this level counts as the agent playing. */
  readonly farActiveDb: number;
  /** A near-end frame below this level holds nothing, whatever the tracked noise floor. */
  readonly nearFloorDb: number;
  /** A near-end frame within this much of the tracked noise floor holds nothing. */
  readonly aboveNoiseDb: number;
  /** Rise rate of the noise floor (it falls at once to a quieter frame). */
  readonly noiseRiseRate: number;
  /** Frames the far-end peak is held for (the echo's spread after alignment). */
  readonly holdFrames: number;
  readonly decayDbPerFrame: number;
  /** Near louder than predicted echo by this much = double talk. */
  readonly doubleTalkMarginDb: number;
  /** Predicted residual echo is raised by this much before the ratio (err toward echo). */
  readonly safetyDb: number;
  readonly pathGainPriorDb: number;
  readonly pathFallRate: number;
  readonly pathFallRateAtFloor: number;
  readonly pathRiseRate: number;
  readonly residualRate: number;
  /** Weight of the newest frame in the smoothed near and cleaned levels. */
  readonly levelSmoothing: number;
}

export const DEFAULT_ECHO_SHARE: EchoShareOptions = {
  farActiveDb: -55,
  nearFloorDb: -65,
  aboveNoiseDb: 6,
  noiseRiseRate: 0.002,
  holdFrames: 10,
  decayDbPerFrame: 1.5,
  doubleTalkMarginDb: 6,
  safetyDb: 6,
  pathGainPriorDb: 0,
  pathFallRate: 0.2,
  pathFallRateAtFloor: 0.01,
  pathRiseRate: 0.003,
  residualRate: 0.05,
  levelSmoothing: 0.5,
};

export interface EchoShareState {
  readonly farHistoryDb: readonly number[];
  readonly farRefDb: number;
  readonly pathGainDb: number;
  readonly residualGainDb: number | undefined;
  readonly noiseDb: number | undefined;
  readonly nearPower: number;
  readonly cleanedPower: number;
  /** Smoothed level the residual gain is learnt on (the linear filter's output, if known). */
  readonly residualPower: number;
}

export interface EchoFrameLevels {
  /** Mean squares over full scale squared (0..1) of the frame's three signals. */
  readonly nearPower: number;
  readonly cleanedPower: number;
  readonly farPower: number;
  /**
   * The adaptive filter's output before residual echo suppression, when there is one. What
   * the canceller leaves is learnt on it: the suppressor removes much more while the far end
   * plays than in the echo's tail after it stops (measured: 15 dB against 5), so a gain learnt
   * after it under-predicts the tail; the linear filter's is steady, and errs toward echo.
   */
  readonly linearPower?: number;
  /** Frames to hold the far-end peak for; longer while the path delay is still unknown. */
  readonly farHoldFrames?: number;
  /**
   * false while the echo path delay is unknown: the far end cannot be lined up with the echo,
   * so neither the path gain nor the residual can be learnt against it; the echo is assumed
   * as loud as the path gain prior says (a person must be louder than that to count).
   */
  readonly delayKnown?: boolean;
  /**
   * Another cue (the envelope coherence) says a person is in this frame: nothing is learnt on
   * it, whatever the levels say. Learnt on, a person over a session's first reply taught the
   * residual that the canceller removes nothing, and was then read as echo.
   */
  readonly personHeard?: boolean;
}

export interface EchoShareStep {
  readonly state: EchoShareState;
  /** 0..1 for this frame. */
  readonly share: number;
  readonly doubleTalk: boolean;
}

const FLOOR_POWER = 1e-10;
/** A mean square over full scale squared, in dB (floored at -100). */
export const powerDb = (power: number) => 10 * Math.log10(Math.max(power, FLOOR_POWER));
const toDb = powerDb;

export function initialEchoShareState(
  options: EchoShareOptions = DEFAULT_ECHO_SHARE,
): EchoShareState {
  return {
    farHistoryDb: [],
    farRefDb: -100,
    pathGainDb: options.pathGainPriorDb,
    residualGainDb: undefined,
    noiseDb: undefined,
    nearPower: 0,
    cleanedPower: 0,
    residualPower: 0,
  };
}

export function stepEchoShare(
  state: EchoShareState,
  frame: EchoFrameLevels,
  options: EchoShareOptions = DEFAULT_ECHO_SHARE,
): EchoShareStep {
  const a = options.levelSmoothing;
  const nearPower = a * frame.nearPower + (1 - a) * state.nearPower;
  const cleanedPower = a * frame.cleanedPower + (1 - a) * state.cleanedPower;
  const residualPower =
    frame.linearPower === undefined
      ? cleanedPower
      : a * frame.linearPower + (1 - a) * state.residualPower;
  const farHistoryDb = [...state.farHistoryDb, toDb(frame.farPower)].slice(
    -(frame.farHoldFrames ?? options.holdFrames),
  );
  const farRefDb = Math.max(...farHistoryDb, state.farRefDb - options.decayDbPerFrame);
  const nearDb = toDb(nearPower);
  const noiseDb =
    state.noiseDb === undefined || nearDb < state.noiseDb
      ? nearDb
      : state.noiseDb + options.noiseRiseRate * (nearDb - state.noiseDb);
  const base = {
    ...state,
    farHistoryDb,
    farRefDb,
    nearPower,
    cleanedPower,
    residualPower,
    noiseDb,
  };
  if (farRefDb < options.farActiveDb) return { state: base, share: 0, doubleTalk: false };

  const cleanedDb = toDb(cleanedPower);
  const ratioDb = nearDb - farRefDb;
  const atFloor = nearDb < Math.max(options.nearFloorDb, noiseDb + options.aboveNoiseDb);
  const rate =
    ratioDb > state.pathGainDb
      ? options.pathRiseRate
      : atFloor
        ? options.pathFallRateAtFloor
        : options.pathFallRate;
  const pathGainDb =
    frame.personHeard === true
      ? state.pathGainDb
      : state.pathGainDb + rate * (ratioDb - state.pathGainDb);
  const doubleTalk =
    frame.personHeard === true || (!atFloor && ratioDb > pathGainDb + options.doubleTalkMarginDb);

  let residualGainDb = state.residualGainDb;
  if (!doubleTalk && !atFloor) {
    const observed = toDb(residualPower) - farRefDb;
    // Until learnt, assume the canceller removes nothing (err toward echo).
    const previous = residualGainDb ?? pathGainDb;
    residualGainDb = previous + options.residualRate * (observed - previous);
  }
  const gainDb =
    frame.delayKnown === false
      ? Math.max(options.pathGainPriorDb, residualGainDb ?? pathGainDb)
      : (residualGainDb ?? pathGainDb);
  const predictedResidualDb = farRefDb + gainDb + options.safetyDb;
  const share = Math.min(1, 10 ** ((predictedResidualDb - cleanedDb) / 10));
  return { state: { ...base, pathGainDb, residualGainDb }, share, doubleTalk };
}

/** Whether the newest near-end frame of `state` is at its noise floor (holds nothing). */
export function nearAtFloor(
  state: EchoShareState,
  options: EchoShareOptions = DEFAULT_ECHO_SHARE,
): boolean {
  const floorDb = Math.max(
    options.nearFloorDb,
    (state.noiseDb ?? -Infinity) + options.aboveNoiseDb,
  );
  return toDb(state.nearPower) < floorDb;
}

/** How far the newest near-end frame of `state` is above the tracked noise floor, dB. */
export function nearOverNoiseDb(state: EchoShareState): number {
  return toDb(state.nearPower) - (state.noiseDb ?? toDb(0));
}

/** The chunk's share: frame shares weighted by each frame's residual energy. */
export function chunkShare(shares: readonly number[], cleanedPowers: readonly number[]): number {
  let weighted = 0;
  let total = 0;
  for (let i = 0; i < shares.length; i++) {
    weighted += shares[i]! * cleanedPowers[i]!;
    total += cleanedPowers[i]!;
  }
  if (total > 0) return weighted / total;
  return shares.length === 0 ? 0 : shares.reduce((sum, s) => sum + s, 0) / shares.length;
}
