import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Clock } from '../../spec/clock.ts';
import { AbortedError, ProviderError, TimeoutError } from '../../spec/errors.ts';
import { systemClock } from '../../stream/system-clock.ts';
import { backoffDelayMs, withRetry } from './retry.ts';

/** A clock whose sleeps return at once and are recorded. */
function recordingClock(): Clock & { sleeps: number[] } {
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => 0,
    setTimer: () => () => undefined,
    sleep: (delayMs, signal) => {
      sleeps.push(delayMs);
      return signal?.aborted ? Promise.reject(new AbortedError()) : Promise.resolve();
    },
  };
}

const retryable = () =>
  new ProviderError('busy', { provider: 'x', retryable: true, statusCode: 503 });
const fatal = () =>
  new ProviderError('bad key', { provider: 'x', retryable: false, statusCode: 401 });

describe('withRetry', () => {
  it('retries retryable failures and returns the first success', async () => {
    const clock = recordingClock();
    let calls = 0;
    const value = await withRetry(
      () => (++calls < 3 ? Promise.reject(retryable()) : Promise.resolve('ok')),
      { signal: new AbortController().signal, clock, random: () => 0.5 },
    );
    assert.equal(value, 'ok');
    assert.equal(calls, 3);
    assert.deepEqual(clock.sleeps, [125, 250]);
  });

  it('does not retry a non-retryable failure', async () => {
    let calls = 0;
    await assert.rejects(
      withRetry(() => (calls++, Promise.reject(fatal())), {
        signal: new AbortController().signal,
        clock: recordingClock(),
      }),
      (error) => error instanceof ProviderError && error.statusCode === 401,
    );
    assert.equal(calls, 1);
  });

  it('retries a timeout', async () => {
    let calls = 0;
    await withRetry(
      () => (++calls === 1 ? Promise.reject(new TimeoutError('slow', 10)) : Promise.resolve(1)),
      { signal: new AbortController().signal, clock: recordingClock() },
    );
    assert.equal(calls, 2);
  });

  it('gives up after maxAttempts with the last error', async () => {
    let calls = 0;
    await assert.rejects(
      withRetry(() => (calls++, Promise.reject(retryable())), {
        signal: new AbortController().signal,
        clock: recordingClock(),
        maxAttempts: 4,
      }),
      ProviderError,
    );
    assert.equal(calls, 4);
  });

  it('stops waiting at once when aborted during the backoff', async () => {
    const controller = new AbortController();
    let calls = 0;
    const pending = withRetry(() => (calls++, Promise.reject(retryable())), {
      signal: controller.signal,
      clock: systemClock,
      baseDelayMs: 60_000,
      random: () => 0.99,
    });
    setTimeout(() => controller.abort(), 10);
    await assert.rejects(pending, AbortedError);
    assert.equal(calls, 1);
  });

  it('caps the exponential delay and jitters below the cap', () => {
    assert.equal(
      backoffDelayMs(1, 100, 1_000, () => 0.999),
      99,
    );
    assert.equal(
      backoffDelayMs(3, 100, 1_000, () => 0.5),
      200,
    );
    assert.equal(
      backoffDelayMs(10, 100, 1_000, () => 0.5),
      500,
    );
    assert.equal(
      backoffDelayMs(10, 100, 1_000, () => 0),
      0,
    );
  });
});
