/** Reads an input iterable to its end in the background so its producer never blocks. */
export function drainInBackground<T>(
  source: AsyncIterable<T>,
  signal: AbortSignal,
  onItem?: (item: T) => void,
): void {
  void (async () => {
    try {
      for await (const item of source) {
        if (signal.aborted) return;
        onItem?.(item);
      }
    } catch (error: unknown) {
      if (!signal.aborted) throw error;
    }
  })();
}
