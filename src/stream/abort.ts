import { AbortedError } from '../spec/errors.ts';

/** Throws AbortedError (with the signal's reason as cause) if `signal` has aborted. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new AbortedError('aborted', { cause: signal.reason });
}

/** True for an AbortedError or a DOM AbortError: cancellation, not failure. */
export function isAbortError(error: unknown): boolean {
  if (error instanceof Error && error.name === 'AbortError') return true;
  return (
    typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'aborted'
  );
}

/**
 * Iterates `source` until `signal` aborts. On abort the pending `next()` is
 * abandoned, the source's `return()` is called, and the loop ends quietly.
 */
export async function* untilAborted<T>(
  source: AsyncIterable<T>,
  signal: AbortSignal,
): AsyncGenerator<T> {
  if (signal.aborted) return;
  const iterator = source[Symbol.asyncIterator]();
  let onAbort: (() => void) | undefined;
  const aborted = new Promise<{ done: true; value: undefined }>((resolve) => {
    onAbort = () => resolve({ done: true, value: undefined });
    signal.addEventListener('abort', onAbort, { once: true });
  });
  try {
    for (;;) {
      const result = await Promise.race([iterator.next(), aborted]);
      if (result.done) return;
      yield result.value;
    }
  } finally {
    if (onAbort) signal.removeEventListener('abort', onAbort);
    void iterator.return?.()?.catch(() => undefined);
  }
}
