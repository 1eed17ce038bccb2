import type { Clock } from '../spec/clock.ts';
import { AbortedError } from '../spec/errors.ts';

/** The real clock: `performance.now()` and Node timers. */
export const systemClock: Clock = {
  now: () => performance.now(),
  setTimer(delayMs, callback) {
    const timer = setTimeout(callback, Math.max(0, delayMs));
    return () => clearTimeout(timer);
  },
  sleep(delayMs, signal) {
    return new Promise<void>((resolve, reject) => {
      if (signal?.aborted) {
        reject(new AbortedError('sleep aborted', { cause: signal.reason }));
        return;
      }
      const onAbort = () => {
        clearTimeout(timer);
        reject(new AbortedError('sleep aborted', { cause: signal?.reason }));
      };
      const timer = setTimeout(
        () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
        Math.max(0, delayMs),
      );
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  },
};
