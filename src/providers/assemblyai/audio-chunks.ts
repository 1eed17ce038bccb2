/**
 * Groups PCM16 bytes into the 50–1000 ms chunks Universal-Streaming accepts
 * (https://www.assemblyai.com/docs/streaming/universal-streaming — "Audio requirements";
 * shorter or longer chunks end the session with close code 3007).
 */
export class AudioChunker {
  readonly #minBytes: number;
  readonly #targetBytes: number;
  #pending: Buffer[] = [];
  #size = 0;

  constructor(sampleRate: number, targetMs = 100) {
    this.#minBytes = Math.ceil((sampleRate * 50) / 1_000) * 2;
    this.#targetBytes =
      Math.ceil((sampleRate * Math.min(1_000, Math.max(50, targetMs))) / 1_000) * 2;
  }

  /** Chunks ready to send after adding `bytes`. */
  push(bytes: Uint8Array): Buffer[] {
    this.#pending.push(Buffer.from(bytes));
    this.#size += bytes.length;
    const out: Buffer[] = [];
    while (this.#size >= this.#targetBytes) {
      const all = Buffer.concat(this.#pending);
      out.push(all.subarray(0, this.#targetBytes));
      const rest = all.subarray(this.#targetBytes);
      this.#pending = rest.length > 0 ? [rest] : [];
      this.#size = rest.length;
    }
    return out;
  }

  /** What is left, padded with silence to the 50 ms minimum; undefined when nothing is left. */
  flush(): Buffer | undefined {
    if (this.#size === 0) return undefined;
    const all = Buffer.concat(this.#pending);
    this.#pending = [];
    this.#size = 0;
    return all.length >= this.#minBytes
      ? all
      : Buffer.concat([all, Buffer.alloc(this.#minBytes - all.length)]);
  }
}
