import { systemClock } from '../../src/stream/system-clock.ts';

/** Real-time sleep that resolves (never rejects) early when `signal` aborts. */
export async function sleepMs(ms: number, signal?: AbortSignal): Promise<void> {
  if (ms <= 0 || signal?.aborted) return;
  await systemClock.sleep(ms, signal).catch((error: unknown) => {
    if (!signal?.aborted) throw error;
  });
}

/** Resolves when `predicate` holds (checked every `everyMs`), or rejects after `timeoutMs`. */
export async function waitUntil(
  predicate: () => boolean,
  what: string,
  timeoutMs = 30_000,
  everyMs = 5,
): Promise<void> {
  const deadlineMs = performance.now() + timeoutMs;
  while (!predicate()) {
    if (performance.now() > deadlineMs) throw new Error(`bench: timed out waiting for ${what}`);
    await sleepMs(everyMs);
  }
}
