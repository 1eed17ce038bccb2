/**
 * Audio sent since the last final, kept so a dropped socket can be replayed
 * to its replacement. Bounded to `maxMs`; the oldest audio goes first.
 */
export class AudioReplayBuffer {
  readonly #maxMs: number;
  #chunks: { bytes: Uint8Array; startMs: number; durationMs: number }[] = [];
  /** Stream ms where the next pushed chunk starts. */
  endMs = 0;

  constructor(maxMs: number) {
    this.#maxMs = maxMs;
  }

  push(bytes: Uint8Array, durationMs: number): void {
    this.#chunks.push({ bytes, startMs: this.endMs, durationMs });
    this.endMs += durationMs;
    while (this.#chunks.length > 1 && this.endMs - (this.#chunks[0]?.startMs ?? 0) > this.#maxMs) {
      this.#chunks.shift();
    }
  }

  /** Drops chunks that end at or before `ms` (already covered by a final). */
  trimBefore(ms: number): void {
    while (this.#chunks.length > 0) {
      const first = this.#chunks[0];
      if (!first || first.startMs + first.durationMs > ms) return;
      this.#chunks.shift();
    }
  }

  /** Stream ms where the kept audio starts. */
  get startMs(): number {
    return this.#chunks[0]?.startMs ?? this.endMs;
  }

  chunks(): readonly Uint8Array[] {
    return this.#chunks.map((chunk) => chunk.bytes);
  }
}
