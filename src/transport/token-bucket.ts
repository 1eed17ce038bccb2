export interface TokenBucketOptions {
  /** Most tokens held (the largest burst). */
  readonly capacity: number;
  /** Tokens added back per second. */
  readonly refillPerSecond: number;
}

/**
 * A token bucket over an injected clock: pure state, no timers. `take(cost)`
 * spends `cost` tokens if there are that many (cost is bytes, characters …).
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

  take(cost = 1): boolean {
    if (!(cost >= 0)) throw new RangeError('cost must be ≥ 0');
    const nowMs = this.#now();
    const elapsedMs = Math.max(0, nowMs - this.#updatedAtMs);
    this.#tokens = Math.min(this.#capacity, this.#tokens + elapsedMs * this.#refillPerMs);
    this.#updatedAtMs = nowMs;
    if (this.#tokens < cost) return false;
    this.#tokens -= cost;
    return true;
  }
}
