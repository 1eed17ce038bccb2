import assert from 'node:assert/strict';
import { ParleyError } from '../../spec/errors.ts';

/** Generous bound for a stream to settle after abort: catches hangs, not slowness. */
export const SETTLE_MS = 5_000;

/** Reads every part, failing the test if the stream takes longer than `limitMs`. */
export async function collectParts<T>(source: AsyncIterable<T>, limitMs = 20_000): Promise<T[]> {
  const parts: T[] = [];
  await withinMs(
    (async () => {
      for await (const part of source) parts.push(part);
    })(),
    limitMs,
    'stream did not end',
  );
  return parts;
}

/** Rejects if `promise` has not settled within `limitMs`; leaves no timer behind. */
export async function withinMs<T>(promise: Promise<T>, limitMs: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} within ${limitMs} ms`)), limitMs);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Polls `count` until it reaches zero: resources released after close or abort. */
export async function waitForZero(
  count: () => number | Promise<number>,
  what: string,
  limitMs = SETTLE_MS,
): Promise<void> {
  const deadline = Date.now() + limitMs;
  let last = await count();
  while (last > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    last = await count();
  }
  assert.equal(last, 0, `${what}: still ${last} open after ${limitMs} ms`);
}

/** Asserts that an error part carries a ParleyError with a cause. */
export function assertParleyErrorWithCause(error: unknown): void {
  assert.ok(ParleyError.isInstance(error), `expected a ParleyError, got ${String(error)}`);
  assert.notEqual((error as Error).cause, undefined, `${(error as Error).message}: no cause`);
}

/**
 * Iterates until `stopAfter` returns true for a part, then aborts and reads on.
 * Returns the parts seen before the abort and those (if any) after it.
 */
export async function abortAfter<T>(
  open: (signal: AbortSignal) => AsyncIterable<T>,
  stopAfter: (part: T) => boolean,
): Promise<{ before: T[]; after: T[] }> {
  const controller = new AbortController();
  const before: T[] = [];
  const after: T[] = [];
  const iterator = open(controller.signal)[Symbol.asyncIterator]();
  await withinMs(
    (async () => {
      for (;;) {
        const result = await iterator.next();
        if (result.done) return;
        if (controller.signal.aborted) after.push(result.value);
        else {
          before.push(result.value);
          if (stopAfter(result.value)) controller.abort(new Error('test abort'));
        }
      }
    })(),
    SETTLE_MS * 4,
    'stream did not end after abort',
  );
  return { before, after };
}

/** An input that never yields and ends only when `signal` aborts (a stage waiting for input). */
export function neverYields<T>(signal: AbortSignal): AsyncIterable<T> {
  return {
    [Symbol.asyncIterator]: () => ({
      next: () =>
        new Promise<IteratorResult<T>>((resolve) => {
          const end = () => resolve({ done: true, value: undefined });
          if (signal.aborted) end();
          else signal.addEventListener('abort', end, { once: true });
        }),
    }),
  };
}
