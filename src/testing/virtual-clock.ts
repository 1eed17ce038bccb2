import type { Clock } from '../spec/clock.ts';
import { AbortedError } from '../spec/errors.ts';

interface Timer {
  readonly id: number;
  readonly dueMs: number;
  readonly callback: () => void;
}

/** Lets pending promise chains run (everything queued as microtasks, plus one macrotask turn). */
export function flushMicrotasks(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * A clock that only moves when a test says so. `advance(ms)` fires due timers
 * in order, letting async work settle after each, so turn-taking tests are
 * deterministic and run in milliseconds.
 */
export class VirtualClock implements Clock {
  #nowMs: number;
  #timers: Timer[] = [];
  #nextId = 1;

  constructor(startMs = 0) {
    this.#nowMs = startMs;
  }

  now(): number {
    return this.#nowMs;
  }

  /** Timers not yet fired or cancelled. */
  get pendingTimers(): number {
    return this.#timers.length;
  }

  setTimer(delayMs: number, callback: () => void): () => void {
    const timer: Timer = {
      id: this.#nextId++,
      dueMs: this.#nowMs + Math.max(0, delayMs),
      callback,
    };
    this.#timers.push(timer);
    return () => {
      this.#timers = this.#timers.filter((t) => t.id !== timer.id);
    };
  }

  sleep(delayMs: number, signal?: AbortSignal): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      if (signal?.aborted) {
        reject(new AbortedError('sleep aborted', { cause: signal.reason }));
        return;
      }
      const onAbort = () => {
        cancel();
        reject(new AbortedError('sleep aborted', { cause: signal?.reason }));
      };
      const cancel = this.setTimer(delayMs, () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      });
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  /** Moves time forward by `ms`, firing every timer that falls due on the way. */
  async advance(ms: number): Promise<void> {
    await this.advanceTo(this.#nowMs + ms);
  }

  async advanceTo(targetMs: number): Promise<void> {
    await flushMicrotasks();
    let firedAtSameTime = 0;
    for (;;) {
      const next = this.#earliest();
      if (next === undefined || next.dueMs > targetMs) break;
      firedAtSameTime = next.dueMs > this.#nowMs ? 0 : firedAtSameTime + 1;
      if (firedAtSameTime > 10_000) {
        throw new Error(
          `VirtualClock: timers keep rescheduling at ${this.#nowMs} ms (a timer loop)`,
        );
      }
      this.#timers = this.#timers.filter((t) => t.id !== next.id);
      this.#nowMs = Math.max(this.#nowMs, next.dueMs);
      next.callback();
      await flushMicrotasks();
    }
    this.#nowMs = Math.max(this.#nowMs, targetMs);
    await flushMicrotasks();
  }

  /** Advances in steps until `predicate` holds or `limitMs` of virtual time passes. */
  async advanceUntil(predicate: () => boolean, limitMs = 60_000, stepMs = 10): Promise<boolean> {
    const endMs = this.#nowMs + limitMs;
    while (!predicate()) {
      if (this.#nowMs >= endMs) return false;
      await this.advance(stepMs);
    }
    return true;
  }

  #earliest(): Timer | undefined {
    let best: Timer | undefined;
    for (const timer of this.#timers) {
      if (best === undefined || timer.dueMs < best.dueMs) best = timer;
    }
    return best;
  }
}
