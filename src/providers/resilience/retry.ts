import type { Clock } from '../../spec/clock.ts';
import { systemClock } from '../../stream/system-clock.ts';
import { isRetryableError, RetryAfterError } from './errors.ts';

export interface RetryOptions {
  readonly signal: AbortSignal;
  /** Attempts in all, the first included. Default 3. */
  readonly maxAttempts?: number;
  /** Delay ceiling before the second attempt; doubles each time. Default 250. */
  readonly baseDelayMs?: number;
  readonly maxDelayMs?: number;
  readonly clock?: Clock;
  /** Returns a number in [0, 1); `Math.random` by default. Used for full jitter. */
  readonly random?: () => number;
  /** Which errors deserve another attempt. Default: retryable ProviderError or TimeoutError. */
  readonly shouldRetry?: (error: unknown) => boolean;
  /** A vendor's Retry-After longer than this is not waited for: the error goes up (to a fallback). Default 10 000. */
  readonly maxRetryAfterMs?: number;
  readonly onRetry?: (info: { attempt: number; delayMs: number; error: unknown }) => void;
}

/** Delay before attempt `attempt + 1` (attempt counts from 1): full jitter over an exponential cap. */
export function backoffDelayMs(
  attempt: number,
  baseDelayMs: number,
  maxDelayMs: number,
  random: () => number,
): number {
  const capMs = Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1));
  return Math.floor(random() * capMs);
}

/**
 * Runs `attempt` until it resolves, retrying retryable failures with exponential
 * backoff and jitter, or after the delay a vendor's Retry-After asks for. Meant for opening a connection: once the first byte has
 * arrived the caller owns the stream and nothing is retried. Abort stops waiting
 * at once and rejects with AbortedError.
 */
export async function withRetry<T>(
  attempt: (attemptNumber: number) => Promise<T>,
  options: RetryOptions,
): Promise<T> {
  const maxAttempts = Math.max(1, options.maxAttempts ?? 3);
  const baseDelayMs = options.baseDelayMs ?? 250;
  const maxDelayMs = options.maxDelayMs ?? 4_000;
  const clock = options.clock ?? systemClock;
  const random = options.random ?? Math.random;
  const shouldRetry = options.shouldRetry ?? isRetryableError;
  for (let attemptNumber = 1; ; attemptNumber++) {
    try {
      return await attempt(attemptNumber);
    } catch (error) {
      if (options.signal.aborted || attemptNumber >= maxAttempts || !shouldRetry(error)) {
        throw error;
      }
      const askedMs = error instanceof RetryAfterError ? error.retryAfterMs : undefined;
      if (askedMs !== undefined && askedMs > (options.maxRetryAfterMs ?? 10_000)) throw error;
      const delayMs = askedMs ?? backoffDelayMs(attemptNumber, baseDelayMs, maxDelayMs, random);
      options.onRetry?.({ attempt: attemptNumber, delayMs, error });
      await clock.sleep(delayMs, options.signal);
    }
  }
}
