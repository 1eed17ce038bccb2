interface Chunk {
  readonly turnId: number;
  readonly samples: Float32Array;
  offset: number;
}

/**
 * The playback buffer: chunks of one or more turns, read sample by sample.
 * Holds back the start of a turn until `prebufferSamples` are queued (or the
 * turn has ended) so network jitter does not cause a stutter at the start.
 */
export class JitterQueue {
  readonly #prebufferSamples: number;
  #chunks: Chunk[] = [];
  #queuedSamples = 0;
  #playing = false;
  readonly #endedTurns = new Set<number>();

  constructor(prebufferSamples: number) {
    this.#prebufferSamples = prebufferSamples;
  }

  get queuedSamples(): number {
    return this.#queuedSamples;
  }

  push(turnId: number, samples: Float32Array): void {
    if (samples.length === 0) return;
    this.#chunks.push({ turnId, samples, offset: 0 });
    this.#queuedSamples += samples.length;
  }

  markEnded(turnId: number): void {
    this.#endedTurns.add(turnId);
  }

  /** Empties the buffer at once (barge-in). */
  clear(): void {
    this.#chunks = [];
    this.#queuedSamples = 0;
    this.#playing = false;
  }

  /**
   * Fills `out` with queued samples (silence where there are none) and calls
   * `onPlayed(turnId, count)` for each run of samples taken from a turn.
   */
  read(out: Float32Array, onPlayed: (turnId: number, count: number) => void): void {
    let written = 0;
    const head = this.#chunks[0];
    if (!this.#playing && head) {
      const ready =
        this.#queuedSamples >= this.#prebufferSamples || this.#endedTurns.has(head.turnId);
      this.#playing = ready;
    }
    while (this.#playing && written < out.length) {
      const chunk = this.#chunks[0];
      if (!chunk) {
        this.#playing = false; // underrun: buffer again before resuming
        break;
      }
      const count = Math.min(out.length - written, chunk.samples.length - chunk.offset);
      out.set(chunk.samples.subarray(chunk.offset, chunk.offset + count), written);
      chunk.offset += count;
      written += count;
      this.#queuedSamples -= count;
      onPlayed(chunk.turnId, count);
      if (chunk.offset >= chunk.samples.length) this.#chunks.shift();
    }
    out.fill(0, written);
  }

  hasTurn(turnId: number): boolean {
    return this.#chunks.some((chunk) => chunk.turnId === turnId);
  }
}
