/**
 * Cuts arbitrary PCM16 chunks into fixed frames, keeping the remainder for the
 * next chunk. Frames are copies, so callers may keep them.
 */
export class Framer {
  readonly frameSamples: number;
  #pending = new Int16Array(0);

  constructor(frameSamples: number) {
    this.frameSamples = frameSamples;
  }

  *push(samples: Int16Array): Generator<Int16Array> {
    const joined = new Int16Array(this.#pending.length + samples.length);
    joined.set(this.#pending);
    joined.set(samples, this.#pending.length);
    let offset = 0;
    for (; offset + this.frameSamples <= joined.length; offset += this.frameSamples) {
      yield joined.slice(offset, offset + this.frameSamples);
    }
    this.#pending = joined.slice(offset);
  }

  /** Whatever is left (shorter than a frame); empties the framer. */
  flush(): Int16Array {
    const rest = this.#pending;
    this.#pending = new Int16Array(0);
    return rest;
  }
}
