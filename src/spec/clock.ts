/**
 * Time as the session sees it. Production uses the system clock; tests use the
 * virtual clock in src/testing so that turn-taking runs in milliseconds.
 */
export interface Clock {
  /** Milliseconds on a monotonic scale. */
  now(): number;
  /** Calls `callback` after `delayMs`; returns a function that cancels it. */
  setTimer(delayMs: number, callback: () => void): () => void;
  /** Resolves after `delayMs`, or rejects with AbortedError when `signal` aborts. */
  sleep(delayMs: number, signal?: AbortSignal): Promise<void>;
}
