import { ClosedError } from '../spec/errors.ts';

/**
 * A bounded async queue: producers `push` (and wait when it is full), one
 * consumer iterates. `close()` lets the consumer drain what is queued and end;
 * `fail(error)` makes the consumer throw once the queue is drained.
 */
export class Channel<T> implements AsyncIterable<T> {
  readonly capacity: number;
  #items: T[] = [];
  #closed = false;
  #error: unknown = undefined;
  #waitingConsumer: (() => void) | undefined;
  #waitingProducers: (() => void)[] = [];

  constructor(capacity = 64) {
    if (!(capacity >= 1)) throw new RangeError(`capacity must be ≥ 1, got ${capacity}`);
    this.capacity = capacity;
  }

  get size(): number {
    return this.#items.length;
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** Adds a value if there is room; returns false when full or closed. */
  tryPush(value: T): boolean {
    if (this.#closed || this.#items.length >= this.capacity) return false;
    this.#items.push(value);
    this.#wakeConsumer();
    return true;
  }

  /** Adds a value, waiting while the channel is full. Rejects with ClosedError once closed. */
  async push(value: T): Promise<void> {
    while (!this.#closed && this.#items.length >= this.capacity) {
      await new Promise<void>((resolve) => this.#waitingProducers.push(resolve));
    }
    if (this.#closed) throw new ClosedError('channel is closed');
    this.#items.push(value);
    this.#wakeConsumer();
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#wakeConsumer();
    this.#wakeProducers();
  }

  fail(error: unknown): void {
    if (this.#closed) return;
    this.#error = error ?? new Error('channel failed');
    this.close();
  }

  /** Drops everything queued (used when a reply is interrupted). */
  clear(): void {
    this.#items = [];
    this.#wakeProducers();
  }

  async *[Symbol.asyncIterator](): AsyncIterator<T> {
    try {
      for (;;) {
        if (this.#items.length > 0) {
          const value = this.#items.shift() as T;
          this.#wakeProducers();
          yield value;
          continue;
        }
        if (this.#closed) {
          if (this.#error !== undefined) throw this.#error as Error;
          return;
        }
        await new Promise<void>((resolve) => (this.#waitingConsumer = resolve));
      }
    } finally {
      // The consumer left early: nothing more will be read.
      if (!this.#closed) this.close();
    }
  }

  #wakeConsumer(): void {
    const wake = this.#waitingConsumer;
    this.#waitingConsumer = undefined;
    wake?.();
  }

  #wakeProducers(): void {
    const waiting = this.#waitingProducers;
    this.#waitingProducers = [];
    for (const wake of waiting) wake();
  }
}
