/**
 * Speech level normalisation in front of the recogniser. The acoustic model's
 * cepstral mean normalisation starts every stream from one typical mean
 * (`-cmninit`) and adapts only over several seconds, so the first utterance of
 * a voice that is louder or quieter than that is decoded with a wrong energy
 * term. Holding the first `windowMs` of each utterance's speech, measuring its
 * level and scaling the utterance to `targetDb` puts every voice and
 * microphone gain where the mean expects it. The recogniser catches up on the
 * held audio in a few milliseconds, so finals are not later.
 */
export interface LevelOptions {
  /** Speech level (mean power of the frames above the gate's threshold) to scale to, dBFS. */
  readonly targetDb: number;
  /** Speech measured before the gain is chosen. */
  readonly windowMs: number;
  /** The gain is kept within ± this. */
  readonly maxGainDb: number;
}

export const FRAME_MS = 10;

export function gainFor(speechLevelDb: number, options: LevelOptions): number {
  const gainDb = Math.max(
    -options.maxGainDb,
    Math.min(options.maxGainDb, options.targetDb - speechLevelDb),
  );
  return 10 ** (gainDb / 20);
}

export function scaled(samples: Int16Array, gain: number): Int16Array {
  if (gain === 1) return samples;
  return samples.map((sample) => Math.max(-32768, Math.min(32767, Math.round(sample * gain))));
}

/** One utterance's audio on its way to the decoder: held, measured, then scaled. */
export class LevelNormaliser {
  readonly #options: LevelOptions;
  readonly #sink: (samples: Int16Array) => void;
  #held: Int16Array[] | undefined;
  #power = 0;
  #speechFrames = 0;
  #gain = 1;

  constructor(options: LevelOptions, sink: (samples: Int16Array) => void) {
    this.#options = options;
    this.#sink = sink;
  }

  begin(): void {
    this.#held = [];
    this.#power = 0;
    this.#speechFrames = 0;
    this.#gain = 1;
  }

  /** Whether audio is still held (no gain chosen yet). */
  get holding(): boolean {
    return this.#held !== undefined;
  }

  push(samples: Int16Array, speechLevelDb: number | undefined): void {
    if (speechLevelDb !== undefined) {
      this.#power += 10 ** (speechLevelDb / 10);
      this.#speechFrames += 1;
    }
    if (this.#held === undefined) {
      this.#sink(scaled(samples, this.#gain));
      return;
    }
    this.#held.push(samples);
    if (this.#speechFrames * FRAME_MS >= this.#options.windowMs) this.release();
  }

  /** Chooses the gain from the speech so far and sends the held audio on. */
  release(): void {
    const held = this.#held;
    if (held === undefined) return;
    this.#held = undefined;
    if (this.#speechFrames > 0) {
      this.#gain = gainFor(10 * Math.log10(this.#power / this.#speechFrames), this.#options);
    }
    for (const samples of held) this.#sink(scaled(samples, this.#gain));
  }
}
