/**
 * Cuts PCM16 chunks of any length into fixed-size Float32 frames in [-1, 1).
 * A trailing partial frame waits for the next chunk.
 */
export class Reframer {
  readonly frameSamples: number;
  #pending: Float32Array;
  #filled = 0;

  constructor(frameSamples: number) {
    this.frameSamples = frameSamples;
    this.#pending = new Float32Array(frameSamples);
  }

  /** Returns every frame completed by `samples` (each a fresh array). */
  push(samples: Int16Array): Float32Array[] {
    const frames: Float32Array[] = [];
    for (let index = 0; index < samples.length; index++) {
      this.#pending[this.#filled++] = (samples[index] ?? 0) / 32768;
      if (this.#filled === this.frameSamples) {
        frames.push(this.#pending);
        this.#pending = new Float32Array(this.frameSamples);
        this.#filled = 0;
      }
    }
    return frames;
  }
}
