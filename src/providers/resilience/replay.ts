/**
 * Shares one source among successive consumers so a later consumer can start
 * over from what an earlier one already read. It keeps at most `maxItems` of
 * the newest items; a consumer that falls further behind skips the dropped ones.
 * Only one consumer is meant to read at a time.
 */
export class ReplaySource<T> {
  readonly #iterator: AsyncIterator<T>;
  readonly #maxItems: number;
  #items: T[] = [];
  /** Absolute index of `#items[0]`. */
  #offset = 0;
  #done = false;
  #error: unknown = undefined;
  #pulling: Promise<void> | undefined;

  constructor(source: AsyncIterable<T>, maxItems: number) {
    this.#iterator = source[Symbol.asyncIterator]();
    this.#maxItems = Math.max(1, maxItems);
  }

  /** Index the next item read from the source will have. */
  get position(): number {
    return this.#offset + this.#items.length;
  }

  /** Forgets everything read so far: later forks start from new items. */
  forget(): void {
    this.#offset += this.#items.length;
    this.#items = [];
  }

  /** A consumer that first replays the kept items from `from` (default: the oldest kept). */
  fork(from?: number): AsyncIterable<T> {
    let index = from ?? this.#offset;
    return {
      [Symbol.asyncIterator]: () => ({
        next: async (): Promise<IteratorResult<T>> => {
          for (;;) {
            if (index < this.#offset) index = this.#offset;
            if (index < this.position) {
              const value = this.#items[index - this.#offset] as T;
              index++;
              return { done: false, value };
            }
            if (this.#done) {
              if (this.#error !== undefined) throw this.#error as Error;
              return { done: true, value: undefined };
            }
            await this.#pull();
          }
        },
        return: (): Promise<IteratorResult<T>> => Promise.resolve({ done: true, value: undefined }),
      }),
    };
  }

  /** Ends the shared source (calls its `return()`). */
  async close(): Promise<void> {
    this.#done = true;
    await this.#iterator.return?.();
  }

  #pull(): Promise<void> {
    this.#pulling ??= this.#iterator.next().then(
      (result) => {
        this.#pulling = undefined;
        if (result.done) {
          this.#done = true;
          return;
        }
        this.#items.push(result.value);
        if (this.#items.length > this.#maxItems) {
          this.#items.shift();
          this.#offset++;
        }
      },
      (error: unknown) => {
        this.#pulling = undefined;
        this.#done = true;
        this.#error = error ?? new Error('source failed');
      },
    );
    return this.#pulling;
  }
}
