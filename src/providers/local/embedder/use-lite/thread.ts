import { Worker } from 'node:worker_threads';
import { AbortedError, ClosedError, ProviderError } from '../../../../spec/errors.ts';
import type { EmbedReply, EmbedRequest } from './protocol.ts';

/** The worker entry beside this file: `.ts` when run from source (tsx), `.js` once built. */
const DEFAULT_SCRIPT = new URL(
  import.meta.url.endsWith('.ts') ? './worker.ts' : './worker.js',
  import.meta.url,
);

export interface EmbeddingThreadOptions {
  /** The worker's entry point (it must speak `protocol.ts`). Default: the USE-lite worker. */
  readonly script?: URL;
}

interface Job {
  readonly request: EmbedRequest;
  readonly signal: AbortSignal;
  readonly resolve: (vectors: Float32Array[]) => void;
  readonly reject: (error: unknown) => void;
  readonly onAbort: () => void;
  settled: boolean;
}

/**
 * One worker thread that embeds batches off the main thread, one batch at a time from a FIFO
 * queue, so a long embedding never stalls other sessions. A batch aborted while queued is
 * never sent; one aborted in flight rejects at once and its answer is dropped. When the thread
 * dies, the batch in flight rejects with a retryable ProviderError and the next batch starts
 * a new thread. The thread does not keep the process alive while idle; `close()` ends it.
 */
export class EmbeddingThread {
  readonly #script: URL;
  readonly #queue: Job[] = [];
  #worker: Worker | undefined;
  #inFlight: Job | undefined;
  #lastError: unknown;
  #nextId = 1;
  #started = 0;
  #closed = false;

  constructor(options: EmbeddingThreadOptions = {}) {
    this.#script = options.script ?? DEFAULT_SCRIPT;
  }

  /** Threads started so far (a crash and its respawn count two). */
  get startedThreads(): number {
    return this.#started;
  }

  /** Whether a thread is running now. */
  get running(): boolean {
    return this.#worker !== undefined;
  }

  embed(texts: readonly string[], signal: AbortSignal): Promise<Float32Array[]> {
    if (this.#closed) return Promise.reject(new ClosedError('the embedding thread is closed'));
    if (signal.aborted) {
      return Promise.reject(new AbortedError('embedding aborted', { cause: signal.reason }));
    }
    if (texts.length === 0) return Promise.resolve([]);
    return new Promise<Float32Array[]>((resolve, reject) => {
      const job: Job = {
        request: { id: this.#nextId++, texts: [...texts] },
        signal,
        resolve,
        reject,
        onAbort: () => {
          this.#settle(job, new AbortedError('embedding aborted', { cause: signal.reason }));
          const queued = this.#queue.indexOf(job);
          if (queued >= 0) this.#queue.splice(queued, 1);
        },
        settled: false,
      };
      signal.addEventListener('abort', job.onAbort, { once: true });
      this.#queue.push(job);
      this.#pump();
    });
  }

  /** Ends the thread; queued and running batches reject with a ClosedError. */
  async close(): Promise<void> {
    this.#closed = true;
    const pending = [...(this.#inFlight ? [this.#inFlight] : []), ...this.#queue];
    this.#queue.length = 0;
    this.#inFlight = undefined;
    for (const job of pending) this.#settle(job, new ClosedError('the embedding thread closed'));
    const worker = this.#worker;
    this.#worker = undefined;
    if (worker) await worker.terminate();
  }

  #pump(): void {
    const job = this.#closed || this.#inFlight ? undefined : this.#queue.shift();
    if (!job) {
      if (!this.#inFlight) this.#worker?.unref(); // idle: do not hold the process open
      return;
    }
    const worker = this.#ensureWorker();
    this.#inFlight = job;
    worker.ref(); // a batch is owed an answer: keep the process alive until it comes
    worker.postMessage(job.request);
  }

  #ensureWorker(): Worker {
    if (this.#worker) return this.#worker;
    const worker = startWorker(this.#script);
    this.#started += 1;
    this.#lastError = undefined;
    worker.on('message', (reply: EmbedReply) => this.#onReply(reply));
    worker.on('error', (error) => (this.#lastError = error));
    worker.on('exit', (code) => this.#onExit(worker, code));
    this.#worker = worker;
    return worker;
  }

  #onReply(reply: EmbedReply): void {
    const job = this.#inFlight;
    if (!job || job.request.id !== reply.id) return;
    this.#inFlight = undefined;
    if ('vectors' in reply) this.#settle(job, undefined, [...reply.vectors]);
    else {
      const failed = `the USE-lite embedding failed: ${reply.error.message}`;
      this.#settle(job, workerError(failed, reply.error, false));
    }
    this.#pump();
  }

  #onExit(worker: Worker, code: number): void {
    if (this.#worker !== worker) return; // closed on purpose
    this.#worker = undefined;
    const job = this.#inFlight;
    this.#inFlight = undefined;
    if (job) {
      const stopped = `the embedding thread stopped (exit code ${code})`;
      this.#settle(job, workerError(stopped, this.#lastError, true));
    }
    this.#pump(); // queued batches go to a new thread
  }

  #settle(job: Job, error: unknown, vectors?: Float32Array[]): void {
    if (job.settled) return;
    job.settled = true;
    job.signal.removeEventListener('abort', job.onAbort);
    if (vectors) job.resolve(vectors);
    else job.reject(error);
  }
}

/** A crashed thread is retryable (the next batch gets a new one); a failed embedding is not. */
function workerError(message: string, cause: unknown, retryable: boolean): ProviderError {
  return new ProviderError(message, { provider: 'local', retryable, cause });
}

/**
 * A built worker (`.js`) starts as it is. Run from source, a `.ts` worker first registers
 * tsx's loader on its own thread: a worker does not inherit the parent's `--import tsx`.
 */
function startWorker(script: URL): Worker {
  if (!script.pathname.endsWith('.ts')) return new Worker(script);
  const tsx = import.meta.resolve('tsx/esm/api');
  const boot = `import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(script.href)}); });`;
  return new Worker(boot, { eval: true });
}

let shared: EmbeddingThread | undefined;

/** The process's one embedding thread, shared by every USE-lite embedder and session. */
export function sharedEmbeddingThread(): EmbeddingThread {
  shared ??= new EmbeddingThread();
  return shared;
}
