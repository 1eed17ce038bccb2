import type { Clock } from '../spec/clock.ts';
import { Channel } from '../stream/channel.ts';

/**
 * Emits `items` at their absolute clock times (`atMs`) as an async stream.
 * Ends after the last item, or quietly when `signal` aborts; leaves no timer.
 */
export async function* emitAtTimes<T>(
  items: readonly { readonly atMs: number; readonly value: T }[],
  clock: Clock,
  signal: AbortSignal,
): AsyncGenerator<T> {
  const sorted = [...items].sort((a, b) => a.atMs - b.atMs);
  const out = new Channel<T>(Math.max(1, sorted.length));
  const cancels = sorted.map((item) =>
    clock.setTimer(item.atMs - clock.now(), () => {
      out.tryPush(item.value);
      if (item === sorted[sorted.length - 1]) out.close();
    }),
  );
  if (sorted.length === 0) out.close();
  const onAbort = () => out.close();
  signal.addEventListener('abort', onAbort, { once: true });
  try {
    for await (const value of out) {
      if (signal.aborted) return;
      yield value;
    }
  } finally {
    signal.removeEventListener('abort', onAbort);
    for (const cancel of cancels) cancel();
  }
}
