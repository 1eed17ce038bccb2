/**
 * Warm start of the noise estimate: the stream's first quiet stretch, heard once,
 * is fed to speexdsp again and again (the output dropped) so its estimate is that
 * of seconds of noise before the words come. Without it the first `settleMs` passed
 * unchanged and suppression switched on mid-utterance for a caller who spoke
 * 0.5 s in, while the estimate still needed ~1–1.5 s to settle: flite-slt's
 * "Hold on a second." over pink noise was heard as "oh one".
 */
export interface WarmStartOptions {
  /** Length of the quiet stretch to replay, ms (0: no warm start). */
  readonly quietMs: number;
  /** How many times the stretch is replayed. */
  readonly replays: number;
  /**
   * The stretch counts as quiet (room noise, no speech in it) when its 20 ms frames'
   * levels lie within this many dB of each other.
   */
  readonly maxSpreadDb: number;
}

/**
 * 300 ms replayed 16 times (~4.8 s of noise). On "hold on a second" over pink noise 0.5–3 s
 * in (eval: test/scenarios/hear.ts --warm), 8 replays lost flite-awb at 1.5 s and 4 lost
 * flite-slt at 0.7 s; 400 ms lost flite-slt at 0.7 s.
 */
export const DEFAULT_WARM_START: WarmStartOptions = { quietMs: 300, replays: 16, maxSpreadDb: 6 };

/** What to do with the stretch once it is complete. */
export type WarmStartDecision =
  | { readonly kind: 'collecting' }
  | { readonly kind: 'replay'; readonly frames: readonly Int16Array[] }
  | { readonly kind: 'declined'; readonly spreadDb: number };

/** Collects the stream's first frames louder than digital silence and judges them once. */
export class WarmStart {
  readonly #frames: Int16Array[] = [];
  readonly #levelsDb: number[] = [];
  readonly #wantFrames: number;
  readonly #maxSpreadDb: number;
  #done: boolean;

  constructor(options: WarmStartOptions, frameMs: number) {
    this.#wantFrames = Math.round(options.quietMs / frameMs);
    this.#maxSpreadDb = options.maxSpreadDb;
    this.#done = this.#wantFrames === 0 || options.replays <= 0;
  }

  /** Whether the stretch has been judged (or there is no warm start). */
  get done(): boolean {
    return this.#done;
  }

  /** Takes one frame (copied) with its level; decides when the stretch is complete. */
  add(frame: Int16Array, levelDb: number): WarmStartDecision {
    if (this.#done) return { kind: 'collecting' };
    this.#frames.push(frame.slice());
    this.#levelsDb.push(levelDb);
    if (this.#frames.length < this.#wantFrames) return { kind: 'collecting' };
    this.#done = true;
    const spreadDb = Math.max(...this.#levelsDb) - Math.min(...this.#levelsDb);
    const frames = this.#frames.splice(0);
    if (spreadDb > this.#maxSpreadDb) return { kind: 'declined', spreadDb };
    return { kind: 'replay', frames };
  }
}
