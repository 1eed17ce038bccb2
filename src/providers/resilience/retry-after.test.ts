import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Clock } from '../../spec/clock.ts';
import { AbortedError } from '../../spec/errors.ts';
import { httpStatusError, RetryAfterError, retryAfterMs } from './errors.ts';
import { withRetry } from './retry.ts';

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

const limited = (seconds: string) =>
  httpStatusError(
    'openai',
    429,
    '{"error":{"type":"requests"}}',
    new Headers({ 'retry-after': seconds }),
  );

describe('Retry-After', () => {
  it('reads delay-seconds, an HTTP date and retry-after-ms', () => {
    const now = Date.parse('2026-11-27T10:00:00Z');
    assert.equal(retryAfterMs(new Headers({ 'retry-after': '2' }), now), 2_000);
    assert.equal(
      retryAfterMs(new Headers({ 'retry-after': 'Fri, 27 Nov 2026 10:00:03 GMT' }), now),
      3_000,
    );
    assert.equal(retryAfterMs(new Headers({ 'retry-after-ms': '150' }), now), 150);
    assert.equal(retryAfterMs(new Headers({ 'retry-after': 'soon' }), now), undefined);
  });

  it('waits as long as the vendor asks instead of the backoff', async () => {
    const clock = recordingClock();
    let calls = 0;
    const value = await withRetry(
      () => (++calls === 1 ? Promise.reject(limited('3')) : Promise.resolve('ok')),
      { signal: new AbortController().signal, clock, random: () => 0.5 },
    );
    assert.equal(value, 'ok');
    assert.deepEqual(clock.sleeps, [3_000]);
  });

  it('gives up at once when the vendor asks for longer than the wait allowed', async () => {
    const clock = recordingClock();
    let calls = 0;
    await assert.rejects(
      withRetry(() => (++calls, Promise.reject(limited('60'))), {
        signal: new AbortController().signal,
        clock,
        maxRetryAfterMs: 10_000,
      }),
      (error: unknown) => error instanceof RetryAfterError && error.retryAfterMs === 60_000,
    );
    assert.equal(calls, 1);
    assert.deepEqual(clock.sleeps, []);
  });

  it('treats an exhausted quota as permanent although it comes as a 429', () => {
    const error = httpStatusError(
      'openai',
      429,
      JSON.stringify({
        error: {
          message: 'You exceeded your current quota, please check your plan and billing details.',
          type: 'insufficient_quota',
          param: null,
          code: 'insufficient_quota',
        },
      }),
      new Headers({ 'retry-after': '1' }),
    );
    assert.equal(error.retryable, false);
    assert.ok(!(error instanceof RetryAfterError));
  });
});
