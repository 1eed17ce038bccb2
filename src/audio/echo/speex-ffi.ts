import type * as Koffi from 'koffi';
import { requireOptional } from '../../providers/local/optional-package.ts';
import { EchoUnavailableError } from './errors.ts';

/**
 * koffi bindings for Debian's libspeexdsp1 (echo canceller and preprocessor). Signatures from
 * /usr/include/speex/speex_echo.h and speex_preprocess.h; request numbers are their #defines.
 */
export const SPEEX_ECHO_SET_SAMPLING_RATE = 24;
export const SPEEX_ECHO_GET_IMPULSE_RESPONSE_SIZE = 27;
export const SPEEX_ECHO_GET_IMPULSE_RESPONSE = 29;
export const SPEEX_PREPROCESS_SET_DENOISE = 0;
export const SPEEX_PREPROCESS_SET_NOISE_SUPPRESS = 18;
export const SPEEX_PREPROCESS_SET_ECHO_SUPPRESS = 20;
export const SPEEX_PREPROCESS_SET_ECHO_SUPPRESS_ACTIVE = 22;
export const SPEEX_PREPROCESS_SET_ECHO_STATE = 24;

export interface SpeexLib {
  readonly echoInit: (frameSize: number, filterLength: number) => unknown;
  readonly echoDestroy: (state: unknown) => void;
  readonly echoCancellation: (
    state: unknown,
    rec: Int16Array,
    play: Int16Array,
    out: Int16Array,
  ) => void;
  readonly echoReset: (state: unknown) => void;
  /** speex_echo_ctl with an int argument (in and out). */
  readonly echoCtlInt: (state: unknown, request: number, value: Int32Array) => number;
  readonly preprocessInit: (frameSize: number, sampleRate: number) => unknown;
  readonly preprocessDestroy: (state: unknown) => void;
  /** Runs in place on `frame`; returns the preprocessor's VAD flag (unused here). */
  readonly preprocessRun: (state: unknown, frame: Int16Array) => number;
  readonly preprocessCtlInt: (state: unknown, request: number, value: Int32Array) => number;
  /** speex_preprocess_ctl with a pointer argument (SET_ECHO_STATE). */
  readonly preprocessCtlPointer: (state: unknown, request: number, pointer: unknown) => number;
}

const SPEEXDSP_LIBRARY = 'libspeexdsp.so.1';
let loaded: SpeexLib | undefined;

/**
 * Loads libspeexdsp once per process; throws EchoUnavailableError when it is missing.
 * `libraryName` is for tests of that error.
 */
export function loadSpeexDsp(libraryName = SPEEXDSP_LIBRARY): SpeexLib {
  if (loaded && libraryName === SPEEXDSP_LIBRARY) return loaded;
  const koffi = requireOptional<typeof Koffi>('koffi', 'server-side echo cancellation (speexdsp)');
  let lib: Koffi.IKoffiLib;
  try {
    lib = koffi.load(libraryName);
  } catch (error) {
    throw new EchoUnavailableError(
      `${libraryName} cannot be loaded (apt-get install libspeexdsp1): server-side echo cancellation is unavailable`,
      { cause: error },
    );
  }
  if (loaded) return loaded;
  koffi.opaque('SpeexEchoState');
  koffi.opaque('SpeexPreprocessState');
  loaded = {
    echoInit: lib.func('SpeexEchoState *speex_echo_state_init(int frame_size, int filter_length)'),
    echoDestroy: lib.func('void speex_echo_state_destroy(SpeexEchoState *st)'),
    echoCancellation: lib.func(
      'void speex_echo_cancellation(SpeexEchoState *st, const int16_t *rec, const int16_t *play, _Out_ int16_t *out)',
    ),
    echoReset: lib.func('void speex_echo_state_reset(SpeexEchoState *st)'),
    echoCtlInt: lib.func('speex_echo_ctl', 'int', [
      'SpeexEchoState *',
      'int',
      koffi.inout(koffi.pointer('int')),
    ]),
    preprocessInit: lib.func(
      'SpeexPreprocessState *speex_preprocess_state_init(int frame_size, int sampling_rate)',
    ),
    preprocessDestroy: lib.func('void speex_preprocess_state_destroy(SpeexPreprocessState *st)'),
    preprocessRun: lib.func('speex_preprocess_run', 'int', [
      'SpeexPreprocessState *',
      koffi.inout(koffi.pointer('int16_t')),
    ]),
    preprocessCtlInt: lib.func('speex_preprocess_ctl', 'int', [
      'SpeexPreprocessState *',
      'int',
      koffi.inout(koffi.pointer('int')),
    ]),
    preprocessCtlPointer: lib.func('speex_preprocess_ctl', 'int', [
      'SpeexPreprocessState *',
      'int',
      'void *',
    ]),
  };
  return loaded;
}
