import {
  loadSpeexDsp,
  SPEEX_PREPROCESS_SET_DENOISE,
  SPEEX_PREPROCESS_SET_NOISE_SUPPRESS,
  type SpeexLib,
} from '../../../audio/echo/speex-ffi.ts';
import { frameLevelDb } from './speech-gate.ts';
import { DEFAULT_WARM_START, WarmStart, type WarmStartOptions } from './warm-start.ts';

/**
 * Noise suppression in front of the recogniser: speexdsp's preprocessor
 * (spectral noise estimate and suppression; its AGC, VAD and dereverb stay off,
 * as they are by default) run on 20 ms frames. One state per stream, freed by
 * `close()`.
 */
export interface DenoiseOptions {
  /** Maximum attenuation of noise, dB (negative; speexdsp's default is -15). */
  readonly suppressDb: number;
  /**
   * Suppress only while the room's noise floor (the quietest 20 ms frame of the
   * last `floorWindowMs`) is above this level, dBFS; quieter, the audio passes
   * unchanged (speexdsp still hears it, so its noise estimate stays current).
   * Undefined: always suppress. Suppression cost words on clean speech.
   */
  readonly minNoiseFloorDb?: number | undefined;
  /**
   * Window of the noise floor for `minNoiseFloorDb` (default 4000 ms): long enough to
   * hold a pause at the room's level. At 1500 ms, 1.5 s of clean speech with no quiet
   * 20 ms frame turned suppression on mid-utterance ("forty two" became "forty eight two").
   */
  readonly floorWindowMs?: number | undefined;
  /**
   * The stream's first audio passes unchanged for this long while speexdsp's noise
   * estimate forms (default 1000 ms). Its first 20 ms frame comes out near silent
   * (−89 dB from pink noise at −44 dB): the speech gate took that for the room's
   * floor and heard the noise after it as 1.3 s of speech ("thank", "thigh").
   * The estimate then takes ~1–1.5 s to settle (the output falls from −42 to −58 dB).
   * With a warm start (below) this applies only when the stream opens on speech.
   */
  readonly settleMs?: number | undefined;
  /**
   * Replays the stream's first quiet stretch to speexdsp so suppression starts once it
   * is heard instead of after `settleMs` (default `DEFAULT_WARM_START`; null: off). When
   * the stretch is not quiet (speech from the start), `settleMs` applies as before.
   */
  readonly warmStart?: WarmStartOptions | null | undefined;
}

export const DEFAULT_SETTLE_MS = 1000;

/**
 * On by default (see README, "Noise suppression"): -15 dB, speexdsp's own default, only
 * over a noise floor above -55 dBFS, so a quiet room's speech reaches the decoders unchanged.
 */
export const DEFAULT_DENOISE: DenoiseOptions = { suppressDb: -15, minNoiseFloorDb: -55 };

/**
 * Frames at or below this level are digital silence: what the session's echo stage gives
 * the recogniser while the agent speaks. They pass unchanged and speexdsp never hears
 * them (its noise estimate keeps the room's noise). Once the room has been heard they
 * stay out of the noise floor too, so the first request after the greeting is still
 * suppressed (a -100 dB frame in the 4 s window turned suppression off). Before any
 * sound is heard they count as a quiet room: clean speech after digital silence (the
 * eval's clean clips) otherwise set the floor with its own frames, and suppression
 * changed clean espeak-ng requests (word error 65 → 89 % on the support agent's tuning
 * clips). Limit: on a line that sends zeros in every pause, the floor after the first
 * sound comes from speech alone (its quietest 20 ms in 4 s, mostly under -55 dBFS).
 */
export const DIGITAL_SILENCE_DB = -90;

export const DENOISE_FRAME_MS = 20;

/** Feeds any chunk sizes through 20 ms frames; holds at most one partial frame. */
export class Denoiser {
  readonly #lib: SpeexLib;
  #state: unknown;
  readonly #frame: Int16Array;
  #filled = 0;
  readonly #minNoiseFloorDb: number | undefined;
  /** Levels (dBFS) of the last frames, for the noise floor. */
  readonly #recentDb: number[] = [];
  readonly #windowFrames: number;
  readonly #unchanged: Int16Array;
  /** Frames still to pass unchanged (see `settleMs`). */
  #settlingFrames: number;
  /** Whether a frame louder than digital silence has been heard (see DIGITAL_SILENCE_DB). */
  #heardRoom = false;
  readonly #warmStart: WarmStart;
  readonly #replays: number;

  constructor(lib: SpeexLib, sampleRate: number, options: DenoiseOptions) {
    this.#lib = lib;
    this.#frame = new Int16Array((sampleRate * DENOISE_FRAME_MS) / 1000);
    this.#unchanged = new Int16Array(this.#frame.length);
    this.#minNoiseFloorDb = options.minNoiseFloorDb;
    this.#settlingFrames = Math.round((options.settleMs ?? DEFAULT_SETTLE_MS) / DENOISE_FRAME_MS);
    this.#warmStart = new WarmStart(
      options.warmStart === null
        ? { ...DEFAULT_WARM_START, quietMs: 0 }
        : (options.warmStart ?? DEFAULT_WARM_START),
      DENOISE_FRAME_MS,
    );
    this.#replays = (options.warmStart ?? DEFAULT_WARM_START).replays;
    this.#windowFrames = Math.max(
      1,
      Math.round((options.floorWindowMs ?? 4000) / DENOISE_FRAME_MS),
    );
    this.#state = lib.preprocessInit(this.#frame.length, sampleRate);
    lib.preprocessCtlInt(this.#state, SPEEX_PREPROCESS_SET_DENOISE, Int32Array.of(1));
    lib.preprocessCtlInt(
      this.#state,
      SPEEX_PREPROCESS_SET_NOISE_SUPPRESS,
      Int32Array.of(Math.round(options.suppressDb)),
    );
  }

  /** Denoised audio of every whole frame completed by `samples` (a partial frame is held). */
  push(samples: Int16Array): Int16Array {
    const out = new Int16Array(
      Math.floor((this.#filled + samples.length) / this.#frame.length) * this.#frame.length,
    );
    let written = 0;
    let read = 0;
    while (read < samples.length) {
      const take = Math.min(this.#frame.length - this.#filled, samples.length - read);
      this.#frame.set(samples.subarray(read, read + take), this.#filled);
      this.#filled += take;
      read += take;
      if (this.#filled < this.#frame.length) break;
      this.#run();
      out.set(this.#frame, written);
      written += this.#frame.length;
      this.#filled = 0;
    }
    return out;
  }

  /** The held partial frame, denoised (padded with silence to run, then cut back). */
  flush(): Int16Array {
    const length = this.#filled;
    if (length === 0) return new Int16Array(0);
    this.#frame.fill(0, length);
    this.#run();
    this.#filled = 0;
    return this.#frame.slice(0, length);
  }

  close(): void {
    if (this.#state === undefined) return;
    this.#lib.preprocessDestroy(this.#state);
    this.#state = undefined;
    Denoiser.#live -= 1;
  }

  /** Whether suppression is on: settled, and over a noise floor when one is asked for. */
  get suppressing(): boolean {
    if (this.#settlingFrames > 0) return false;
    if (this.#minNoiseFloorDb === undefined) return true;
    return this.#recentDb.length > 0 && Math.min(...this.#recentDb) > this.#minNoiseFloorDb;
  }

  #run(): void {
    if (this.#state === undefined) throw new Error('Denoiser used after close');
    const levelDb = frameLevelDb(this.#frame);
    const silent = levelDb <= DIGITAL_SILENCE_DB;
    if (this.#minNoiseFloorDb !== undefined && (!silent || !this.#heardRoom)) {
      this.#recentDb.push(levelDb);
      if (this.#recentDb.length > this.#windowFrames) this.#recentDb.shift();
    }
    if (silent) return;
    this.#heardRoom = true;
    this.#unchanged.set(this.#frame);
    this.#lib.preprocessRun(this.#state, this.#frame);
    if (!this.suppressing) this.#frame.set(this.#unchanged);
    if (this.#settlingFrames > 0) this.#settlingFrames -= 1;
    if (this.#settlingFrames > 0 && !this.#warmStart.done) {
      const decision = this.#warmStart.add(this.#unchanged, levelDb);
      if (decision.kind === 'replay') this.#replay(decision.frames);
    }
  }

  /**
   * Feeds the quiet stretch to speexdsp `replays` times (output dropped), then ends the
   * settling: its noise estimate is then that of seconds of the room. The last frame
   * replayed is the frame just heard, so the next frame follows on from it.
   */
  #replay(frames: readonly Int16Array[]): void {
    const scratch = new Int16Array(this.#frame.length);
    for (let round = 0; round < this.#replays; round += 1) {
      for (const frame of frames) {
        scratch.set(frame);
        this.#lib.preprocessRun(this.#state, scratch);
      }
    }
    this.#settlingFrames = 0;
  }

  static #live = 0;

  /** Preprocess states not yet closed (for tests of leaks). */
  static get liveCount(): number {
    return Denoiser.#live;
  }

  /**
   * A denoiser, or undefined with the reason when libspeexdsp or koffi is
   * missing (the caller says so once and runs without it).
   */
  static open(
    sampleRate: number,
    options: DenoiseOptions,
    load: () => SpeexLib = loadSpeexDsp,
  ): { denoiser: Denoiser } | { unavailable: Error } {
    let lib: SpeexLib;
    try {
      lib = load();
    } catch (error) {
      return { unavailable: error instanceof Error ? error : new Error(String(error)) };
    }
    const denoiser = new Denoiser(lib, sampleRate, options);
    Denoiser.#live += 1;
    return { denoiser };
  }
}
