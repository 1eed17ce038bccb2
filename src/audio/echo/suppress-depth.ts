/**
 * How deep Speex's residual echo suppressor may cut, from how much the adaptive filter removes
 * (pure). The preprocessor takes its residual echo estimate from the filter (the echo the filter
 * predicts times its leak estimate): before the filter has learnt the path that estimate is the
 * filter's wrong guess at full weight. At full depth from the first frame a person talking over
 * a session's first reply lost up to 7.4 dB in 200 ms spans (RHVoice clb over espeak-ng at
 * -9 dB, 150 ms; flite kal16 4.9; test/echo/suppressor-loss.test.ts). The depth (the
 * preprocessor's gain floor, SPEEX_PREPROCESS_SET_ECHO_SUPPRESS and _ACTIVE) therefore grows
 * with the echo return loss enhancement the filter has shown on frames where the far end plays,
 * from `unlearnt*` at `shallowErleDb` to `full*` at `fullErleDb`. Measured over 6 conditions, 4
 * people, first and later replies: the worst 200 ms span 7.4 -> 3.1 dB, later replies' ERLE the
 * same (+-0.1 dB).
 *
 * Not none before the filter has learnt: with no suppression then, the first reply's echo left
 * read as a person (share 0.43 at 1.6 s, flite at -3 dB played 480 ms late; 0.75 at full depth;
 * test/echo/late-first-reply.test.ts); -15 dB, and -2 dB while the preprocessor hears speech,
 * read 0.58. Speex weighs the two by the speech it hears in the frame: the double-talk depth is
 * the one a person over the echo mostly gets (-3 there took 2.9-3.0 dB off them, -6 up to 4.8).
 */
import { powerDb } from './echo-share.ts';

export interface SuppressDepthOptions {
  /** The suppression once the filter has learnt (dB, negative), and during double talk. */
  readonly fullDb: number;
  readonly fullActiveDb: number;
  /** The same before the filter has shown anything (dB, 0 or negative, no deeper than full). */
  readonly unlearntDb: number;
  readonly unlearntActiveDb: number;
  /** ERLE (dB) at and below which the unlearnt depth holds, and from which the full one does. */
  readonly shallowErleDb: number;
  readonly fullErleDb: number;
  /** The far end at or above this level (dBFS) is playing: only then is the ERLE read. */
  readonly farActiveDb: number;
  /** ...and the microphone at or above this level (dBFS): the echo is heard over the noise. */
  readonly nearActiveDb: number;
  /**
   * Per-frame weights of a frame's ERLE when it is above the estimate (the filter learnt) and
   * below it (a person talking over the echo, or the path moved): it rises fast and falls slowly,
   * so a person's voice over a learnt echo does not undo what the filter has shown.
   */
  readonly riseRate: number;
  readonly fallRate: number;
  /** A frame's ERLE is counted up to this, dB. */
  readonly maxErleDb: number;
}

export const DEFAULT_SUPPRESS_DEPTH: SuppressDepthOptions = {
  fullDb: -40,
  fullActiveDb: -15,
  unlearntDb: -15,
  unlearntActiveDb: -2,
  shallowErleDb: 6,
  fullErleDb: 15,
  farActiveDb: -50,
  nearActiveDb: -55,
  riseRate: 0.05,
  fallRate: 0.005,
  maxErleDb: 30,
};

/** The filter's ERLE as learnt so far, dB (0: it has shown nothing yet). */
export interface SuppressDepthState {
  readonly erleDb: number;
}

export const initialSuppressDepth: SuppressDepthState = { erleDb: 0 };

/** One 10 ms frame's mean squares over full scale squared (0..1). */
export interface DepthFrame {
  readonly nearPower: number;
  readonly farPower: number;
  /** The adaptive filter's output (before the suppressor). */
  readonly linearPower: number;
}

export interface SuppressDepth {
  readonly state: SuppressDepthState;
  /** The suppression to set now, whole dB (0 or negative). */
  readonly suppressDb: number;
  readonly activeDb: number;
}

const toDb = powerDb;

export function stepSuppressDepth(
  state: SuppressDepthState,
  frame: DepthFrame,
  options: SuppressDepthOptions = DEFAULT_SUPPRESS_DEPTH,
): SuppressDepth {
  let { erleDb } = state;
  const nearDb = toDb(frame.nearPower);
  if (toDb(frame.farPower) >= options.farActiveDb && nearDb >= options.nearActiveDb) {
    const frameErleDb = Math.min(options.maxErleDb, Math.max(0, nearDb - toDb(frame.linearPower)));
    const rate = frameErleDb > erleDb ? options.riseRate : options.fallRate;
    erleDb += rate * (frameErleDb - erleDb);
  }
  return { state: { erleDb }, ...depthFor(erleDb, options) };
}

/** The suppression for a filter that removes `erleDb` of the echo. */
export function depthFor(
  erleDb: number,
  options: SuppressDepthOptions = DEFAULT_SUPPRESS_DEPTH,
): { readonly suppressDb: number; readonly activeDb: number } {
  const span = options.fullErleDb - options.shallowErleDb;
  const learnt = Math.min(1, Math.max(0, (erleDb - options.shallowErleDb) / span));
  // + 0 turns -0 (nothing learnt) into 0.
  // Never deeper before the filter has learnt than after.
  const between = (unlearnt: number, full: number) => {
    const from = Math.max(unlearnt, full);
    return Math.round(from + learnt * (full - from)) + 0;
  };
  return {
    suppressDb: between(options.unlearntDb, options.fullDb),
    activeDb: between(options.unlearntActiveDb, options.fullActiveDb),
  };
}
