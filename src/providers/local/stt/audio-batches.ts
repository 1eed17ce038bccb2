/** Audio handed to one ps_process_raw call. */
export class AudioBatch {
  readonly #chunks: Int16Array[] = [];
  #samples = 0;
  #started = false;

  get samples(): number {
    return this.#samples;
  }

  get started(): boolean {
    return this.#started;
  }

  add(chunk: Int16Array): void {
    this.#chunks.push(chunk);
    this.#samples += chunk.length;
  }

  /** The batch's audio as one array; nothing more joins it. */
  start(): Int16Array {
    this.#started = true;
    if (this.#chunks.length === 1 && this.#chunks[0]) return this.#chunks[0];
    const joined = new Int16Array(this.#samples);
    let offset = 0;
    for (const chunk of this.#chunks) {
      joined.set(chunk, offset);
      offset += chunk.length;
    }
    return joined;
  }
}

/**
 * One decoder's audio on its way to the decoder: pending (not yet in a batch),
 * in a batch queued and not started (`open`: later audio joins it, so a busy
 * lane gets fewer, larger calls), or in a batch being decoded. Counts the
 * backlog and wakes whoever waits for it to fall.
 */
export class AudioBatches {
  #pending: AudioBatch | undefined;
  #open: AudioBatch | undefined;
  #queuedSamples = 0;
  #waiters: { maxSamples: number; resolve: () => void }[] = [];

  /** Audio not yet in a batch. */
  get pendingSamples(): number {
    return this.#pending?.samples ?? 0;
  }

  /** Audio queued and not yet decoded. */
  get backlogSamples(): number {
    return this.pendingSamples + this.#queuedSamples;
  }

  add(chunk: Int16Array): void {
    if (this.#open && !this.#open.started) {
      this.#open.add(chunk);
      this.#queuedSamples += chunk.length;
      return;
    }
    this.#pending ??= new AudioBatch();
    this.#pending.add(chunk);
  }

  /** The pending audio as a batch to queue (left open for later audio), or undefined. */
  takePending(): AudioBatch | undefined {
    const batch = this.#pending;
    if (!batch) return undefined;
    this.#pending = undefined;
    this.#open = batch;
    this.#queuedSamples += batch.samples;
    return batch;
  }

  /** Another call was queued after the open batch: later audio must not join it. */
  seal(): void {
    this.#open = undefined;
  }

  /** `batch` was decoded (or dropped). */
  done(batch: AudioBatch): void {
    if (this.#open === batch) this.#open = undefined;
    this.#queuedSamples -= batch.samples;
    const backlog = this.backlogSamples;
    const ready = this.#waiters.filter((waiter) => backlog <= waiter.maxSamples);
    this.#waiters = this.#waiters.filter((waiter) => backlog > waiter.maxSamples);
    for (const waiter of ready) waiter.resolve();
  }

  /** Calls `resolve` once the backlog is at most `maxSamples` (or the batches are cleared). */
  wake(maxSamples: number, resolve: () => void): void {
    if (this.backlogSamples <= maxSamples) resolve();
    else this.#waiters.push({ maxSamples, resolve });
  }

  /** Drops the pending audio and releases every waiter (closed or failed). */
  clear(): void {
    this.#pending = undefined;
    this.#open = undefined;
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const waiter of waiters) waiter.resolve();
  }
}
