import type { RecordWrite } from './model.ts';

export interface WriteQueueOptions {
  readonly write: (batch: readonly RecordWrite[]) => Promise<void>;
  /**
   * Writes wait at most this long to join a batch. Default 0: a turn is sent to the store on
   * the next turn of the event loop (with whatever else came in that tick), so a worker that
   * dies later has already written it.
   */
  readonly batchDelayMs?: number;
  /** At most this many writes per transaction. Default 200. */
  readonly maxBatch?: number;
  /** Bound on writes held while the store is slow or down; past it the oldest are dropped. Default 50 000. */
  readonly maxPending?: number;
  /** After a failed batch, wait this long before trying it again. Default 1000. */
  readonly retryDelayMs?: number;
  readonly onProblem?: (message: string, error: unknown) => void;
}

/**
 * Records leave the audio path here: `push` only appends to an array. A timer gathers
 * what came in the next few ms into one transaction; a failed batch is kept and retried.
 */
export class WriteQueue {
  readonly #options: WriteQueueOptions;
  #pending: RecordWrite[] = [];
  #timer: NodeJS.Timeout | undefined;
  #flushing: Promise<void> | undefined;
  #closed = false;
  #dropped = 0;
  /** Writes at the head of `#pending` that the running batch holds. */
  #inFlight = 0;

  constructor(options: WriteQueueOptions) {
    this.#options = options;
  }

  get pendingCount(): number {
    return this.#pending.length;
  }

  /** Writes dropped because the store stayed down while the queue was full. */
  get droppedCount(): number {
    return this.#dropped;
  }

  push(write: RecordWrite): void {
    if (this.#closed) {
      this.#options.onProblem?.('record written after close', new Error(write.kind));
      return;
    }
    this.#pending.push(write);
    const over = this.#pending.length - (this.#options.maxPending ?? 50_000);
    if (over > 0) {
      this.#pending.splice(this.#inFlight, over);
      this.#dropped += over;
      this.#options.onProblem?.('record queue full: oldest records dropped', new Error(`${over}`));
    }
    this.#schedule(this.#options.batchDelayMs ?? 0);
  }

  /** Resolves when everything pushed so far is written (or `signal` aborts the wait). */
  async flush(signal?: AbortSignal): Promise<void> {
    while ((this.#pending.length > 0 || this.#flushing) && !signal?.aborted) {
      if (!this.#flushing) this.#startFlush();
      await this.#flushing;
      if (this.#pending.length > 0 && !signal?.aborted) await pause(10, signal);
    }
  }

  /** Flushes what is queued, then refuses more. Abort `signal` to give up waiting. */
  async close(signal?: AbortSignal): Promise<void> {
    await this.flush(signal);
    this.#closed = true;
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  #schedule(delayMs: number): void {
    if (this.#timer || this.#flushing) return;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.#startFlush();
    }, delayMs);
  }

  #startFlush(): void {
    if (this.#flushing || this.#pending.length === 0) return;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    const batch = this.#pending.slice(0, this.#options.maxBatch ?? 200);
    this.#inFlight = batch.length;
    this.#flushing = this.#options.write(batch).then(
      () => {
        this.#pending.splice(0, batch.length);
        this.#inFlight = 0;
        this.#flushing = undefined;
        if (this.#pending.length > 0) this.#schedule(0);
      },
      (error: unknown) => {
        this.#options.onProblem?.(`record batch of ${batch.length} failed; will retry`, error);
        this.#inFlight = 0;
        this.#flushing = undefined;
        if (!this.#closed) this.#schedule(this.#options.retryDelayMs ?? 1_000);
      },
    );
  }
}

function pause(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}
