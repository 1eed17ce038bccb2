import { ClosedError } from '../../spec/errors.ts';
import {
  loadSpeexDsp,
  SPEEX_ECHO_GET_IMPULSE_RESPONSE,
  SPEEX_ECHO_GET_IMPULSE_RESPONSE_SIZE,
  SPEEX_ECHO_SET_SAMPLING_RATE,
  SPEEX_PREPROCESS_SET_DENOISE,
  SPEEX_PREPROCESS_SET_ECHO_STATE,
  SPEEX_PREPROCESS_SET_ECHO_SUPPRESS,
  SPEEX_PREPROCESS_SET_ECHO_SUPPRESS_ACTIVE,
  SPEEX_PREPROCESS_SET_NOISE_SUPPRESS,
} from './speex-ffi.ts';
import {
  DEFAULT_SUPPRESS_DEPTH,
  depthFor,
  initialSuppressDepth,
  stepSuppressDepth,
  type SuppressDepthState,
} from './suppress-depth.ts';

export interface SpeexStageOptions {
  readonly sampleRate: number;
  readonly frameSize: number;
  /** Adaptive filter length (the echo tail it can model), in ms. */
  readonly filterMs: number;
  /** Residual echo suppression by the preprocessor, in dB (negative); 0 turns it off. */
  readonly residualSuppressDb: number;
  /** Same while the near end is active (double talk), in dB. */
  readonly residualSuppressActiveDb: number;
  /**
   * The suppression grows from a light one to the above as the filter shows it removes the
   * echo (suppress-depth.ts); false: the above from the first frame. Default true.
   */
  readonly depthFollowsFilter?: boolean;
}

/** The thin FFI runner: one speex echo state and its preprocessor, one frame at a time. */
export interface SpeexStage {
  /**
   * Cancels `far` from `near` (both `frameSize` samples) into `out`; `linear`, when given,
   * gets the adaptive filter's output before the residual echo suppression.
   */
  process(near: Int16Array, far: Int16Array, out: Int16Array, linear?: Int16Array): void;
  /** The adaptive filter's impulse response as learnt so far (one tap per sample, scaled). */
  impulseResponse(): Int32Array;
  /** Forgets the learned echo path (after a large jump of the delay). */
  reset(): void;
  close(): void;
}

export function createSpeexStage(options: SpeexStageOptions): SpeexStage {
  const lib = loadSpeexDsp();
  const filterLength = Math.round((options.filterMs * options.sampleRate) / 1000);
  const echo = lib.echoInit(options.frameSize, filterLength);
  lib.echoCtlInt(echo, SPEEX_ECHO_SET_SAMPLING_RATE, Int32Array.of(options.sampleRate));
  const suppress = options.residualSuppressDb < 0;
  const pre = suppress ? lib.preprocessInit(options.frameSize, options.sampleRate) : null;
  const follows = options.depthFollowsFilter !== false;
  const depthOptions = {
    ...DEFAULT_SUPPRESS_DEPTH,
    fullDb: Math.round(options.residualSuppressDb),
    fullActiveDb: Math.round(options.residualSuppressActiveDb),
  };
  let depthState: SuppressDepthState = initialSuppressDepth;
  let depthDb = { suppressDb: Number.NaN, activeDb: Number.NaN };
  const setDepth = (next: { readonly suppressDb: number; readonly activeDb: number }) => {
    if (pre === null) return;
    if (next.suppressDb !== depthDb.suppressDb)
      lib.preprocessCtlInt(pre, SPEEX_PREPROCESS_SET_ECHO_SUPPRESS, Int32Array.of(next.suppressDb));
    if (next.activeDb !== depthDb.activeDb)
      lib.preprocessCtlInt(
        pre,
        SPEEX_PREPROCESS_SET_ECHO_SUPPRESS_ACTIVE,
        Int32Array.of(next.activeDb),
      );
    depthDb = next;
  };
  if (pre !== null) {
    lib.preprocessCtlPointer(pre, SPEEX_PREPROCESS_SET_ECHO_STATE, echo);
    lib.preprocessCtlInt(pre, SPEEX_PREPROCESS_SET_DENOISE, Int32Array.of(1));
    // Keep stationary-noise removal mild: the VAD and the STT read this audio.
    lib.preprocessCtlInt(pre, SPEEX_PREPROCESS_SET_NOISE_SUPPRESS, Int32Array.of(-6));
    setDepth(
      follows
        ? depthFor(depthState.erleDb, depthOptions)
        : { suppressDb: depthOptions.fullDb, activeDb: depthOptions.fullActiveDb },
    );
  }
  let closed = false;
  return {
    process(near, far, out, linear) {
      if (closed) throw new ClosedError('echo canceller is closed');
      lib.echoCancellation(echo, near, far, out);
      linear?.set(out);
      if (pre === null) return;
      if (follows) {
        const frame = { nearPower: power(near), farPower: power(far), linearPower: power(out) };
        const step = stepSuppressDepth(depthState, frame, depthOptions);
        depthState = step.state;
        setDepth(step);
      }
      lib.preprocessRun(pre, out);
    },
    impulseResponse() {
      if (closed) throw new ClosedError('echo canceller is closed');
      const size = Int32Array.of(0);
      lib.echoCtlInt(echo, SPEEX_ECHO_GET_IMPULSE_RESPONSE_SIZE, size);
      const taps = new Int32Array(size[0]!);
      lib.echoCtlInt(echo, SPEEX_ECHO_GET_IMPULSE_RESPONSE, taps);
      return taps;
    },
    reset() {
      // The suppression depth is kept, as it was at a fixed depth: the room has not changed and
      // the filter learns it again within a second; a later reply's echo left must not rise.
      if (!closed) lib.echoReset(echo);
    },
    close() {
      if (closed) return;
      closed = true;
      if (pre !== null) lib.preprocessDestroy(pre);
      lib.echoDestroy(echo);
    },
  };
}

/** Mean square over full scale squared. */
function power(samples: Int16Array): number {
  let sum = 0;
  for (const sample of samples) sum += sample * sample;
  return sum / Math.max(1, samples.length) / (32768 * 32768);
}
