/**
 * Passes parts through until `signal` aborts, then ends without yielding the
 * part in hand, so a consumer that aborts never sees another part.
 */
export async function* stopOnAbort<T>(
  source: AsyncIterable<T>,
  signal: AbortSignal,
): AsyncGenerator<T> {
  if (signal.aborted) return;
  for await (const part of source) {
    if (signal.aborted) return;
    yield part;
  }
}
