export interface TokenBucketOptions {
  /** Most messages allowed in a burst. */
  readonly capacity: number;
  /** Tokens added back per second. */
  readonly refillPerSecond: number;
}

/**
 * A token bucket over an injected clock: pure state, no timers. `take()`
 * spends one token if there is one.
 */
export class TokenBucket {
  readonly #capacity: number;
  readonly #refillPerMs: number;
  readonly #now: () => number;
  #tokens: number;
  #updatedAtMs: number;

  constructor(options: TokenBucketOptions, now: () => number) {
    if (!(options.capacity >= 1)) throw new RangeError('capacity must be ≥ 1');
    if (!(options.refillPerSecond > 0)) throw new RangeError('refillPerSecond must be > 0');
    this.#capacity = options.capacity;
    this.#refillPerMs = options.refillPerSecond / 1000;
    this.#now = now;
    this.#tokens = options.capacity;
    this.#updatedAtMs = now();
  }

  take(): boolean {
    const nowMs = this.#now();
    const elapsedMs = Math.max(0, nowMs - this.#updatedAtMs);
    this.#tokens = Math.min(this.#capacity, this.#tokens + elapsedMs * this.#refillPerMs);
    this.#updatedAtMs = nowMs;
    if (this.#tokens < 1) return false;
    this.#tokens -= 1;
    return true;
  }
}
