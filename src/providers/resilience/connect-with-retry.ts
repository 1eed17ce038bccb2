import type { Clock } from '../../spec/clock.ts';
import { withRetry, type RetryOptions } from './retry.ts';
import { connectWebSocket, type WsConnection } from './ws.ts';

/** What every streaming adapter's options say about opening its socket. */
export interface SocketOpenOptions {
  /** Handshake timeout. Default 10 000. */
  readonly timeoutMs?: number;
  readonly retry?: Omit<RetryOptions, 'signal' | 'clock'>;
  readonly clock?: Clock;
}

/** Opens a vendor's WebSocket with the adapter's handshake timeout, retrying as its options say. */
export function connectWithRetry(
  options: SocketOpenOptions,
  socket: {
    readonly provider: string;
    readonly url: string;
    readonly headers: Readonly<Record<string, string>>;
    readonly signal: AbortSignal;
  },
): Promise<WsConnection> {
  const { signal } = socket;
  return withRetry(
    () =>
      connectWebSocket({
        ...socket,
        timeoutMs: options.timeoutMs ?? 10_000,
        ...(options.clock ? { clock: options.clock } : {}),
      }),
    { ...options.retry, signal, ...(options.clock ? { clock: options.clock } : {}) },
  );
}
