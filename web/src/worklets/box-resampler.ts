/**
 * Downsamples by averaging the input samples that fall in each output sample's
 * span (a box filter: a cheap low-pass that keeps aliasing out of speech).
 */
export class BoxResampler {
  readonly #step: number;
  #phase = 0;
  #sum = 0;
  #count = 0;

  constructor(inputRate: number, outputRate: number) {
    if (!(inputRate >= outputRate)) throw new RangeError('BoxResampler only downsamples');
    this.#step = inputRate / outputRate;
  }

  /** Feeds input samples; calls `emit` with each output sample in [-1, 1]. */
  push(input: Float32Array, emit: (sample: number) => void): void {
    for (let i = 0; i < input.length; i++) {
      this.#sum += input[i] ?? 0;
      this.#count += 1;
      this.#phase += 1;
      if (this.#phase >= this.#step) {
        emit(this.#sum / this.#count);
        this.#phase -= this.#step;
        this.#sum = 0;
        this.#count = 0;
      }
    }
  }
}
