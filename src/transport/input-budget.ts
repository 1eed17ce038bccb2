import type { ConnectionLimits } from './limits.ts';
import { MESSAGE_COST_BYTES } from './limits.ts';
import { TokenBucket } from './token-bucket.ts';

const RATE_ERROR_INTERVAL_MS = 1_000;

/**
 * What one connection may send, charged by cost: every frame by its bytes (plus a
 * per-message charge), typed text again by its characters. Pure state over a clock.
 */
export class InputBudget {
  readonly #frames: TokenBucket;
  readonly #text: TokenBucket;
  readonly #now: () => number;
  #lastRefusalMs = Number.NEGATIVE_INFINITY;

  constructor(limits: ConnectionLimits, now: () => number) {
    this.#now = now;
    this.#frames = new TokenBucket(
      { capacity: limits.costBurst, refillPerSecond: limits.costPerSecond },
      now,
    );
    this.#text = new TokenBucket(
      { capacity: limits.textCharsBurst, refillPerSecond: limits.textCharsPerSecond },
      now,
    );
  }

  takeFrame(bytes: number): boolean {
    return this.#frames.take(bytes + MESSAGE_COST_BYTES);
  }

  takeText(characters: number): boolean {
    return this.#text.take(characters);
  }

  /** True at most once a second: whether to tell the client its input was dropped. */
  shouldReportRefusal(): boolean {
    const nowMs = this.#now();
    if (nowMs - this.#lastRefusalMs < RATE_ERROR_INTERVAL_MS) return false;
    this.#lastRefusalMs = nowMs;
    return true;
  }
}
