import WebSocket from 'ws';
import type { Clock } from '../../spec/clock.ts';
import { AbortedError, ProviderError, TimeoutError } from '../../spec/errors.ts';
import { Channel } from '../../stream/channel.ts';
import { systemClock } from '../../stream/system-clock.ts';
import { httpStatusError, toParleyError } from './errors.ts';

export type WsEvent =
  | { readonly type: 'text'; readonly data: string }
  | { readonly type: 'binary'; readonly data: Buffer }
  | { readonly type: 'close'; readonly code: number; readonly reason: string }
  | { readonly type: 'error'; readonly error: ProviderError };

export interface WsConnectOptions {
  readonly provider: string;
  readonly url: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly signal: AbortSignal;
  /** Longest wait for the handshake. */
  readonly timeoutMs: number;
  readonly clock?: Clock;
}

/** An open vendor WebSocket: incoming frames as a stream of events, in order. */
export interface WsConnection {
  readonly socket: WebSocket;
  /** Ends with a `close` event; one reader only. */
  readonly events: AsyncIterable<WsEvent>;
  send(data: string | Uint8Array): void;
  /** Closes (or terminates, when `force`) the socket; idempotent. */
  close(force?: boolean): void;
}

/**
 * Opens a WebSocket and resolves once it is open. A refused upgrade rejects with
 * ProviderError carrying the HTTP status (`retryable` for 408/429/5xx); network
 * failures with a retryable ProviderError; a slow handshake with TimeoutError.
 */
export function connectWebSocket(options: WsConnectOptions): Promise<WsConnection> {
  const { provider, signal } = options;
  const clock = options.clock ?? systemClock;
  if (signal.aborted) return Promise.reject(new AbortedError('aborted', { cause: signal.reason }));
  const socket = new WebSocket(options.url, { headers: { ...options.headers } });
  const events = new Channel<WsEvent>(1_024);
  const push = (event: WsEvent): void => {
    if (events.tryPush(event)) return;
    // Nobody reads any more (the stream ended): drop it, and keep the socket flowing so
    // a closing handshake still completes.
    if (events.closed) return;
    // The reader is behind: stop reading the socket until it catches up.
    socket.pause();
    events.push(event).then(
      () => socket.resume(),
      () => undefined,
    );
  };
  const close = (force = false): void => {
    if (socket.readyState === WebSocket.CLOSED) return;
    if (force || socket.readyState === WebSocket.CONNECTING) socket.terminate();
    else socket.close(1000);
  };
  return new Promise<WsConnection>((resolve, reject) => {
    let opened = false;
    const cancelTimer = clock.setTimer(options.timeoutMs, () => {
      fail(
        new TimeoutError(
          `${provider}: no WebSocket handshake in ${options.timeoutMs} ms`,
          options.timeoutMs,
        ),
      );
    });
    const onAbort = (): void => {
      close(true);
      fail(new AbortedError('aborted', { cause: signal.reason }));
    };
    function fail(error: unknown): void {
      cancelTimer();
      signal.removeEventListener('abort', onAbort);
      if (opened) return;
      close(true);
      reject(error instanceof Error ? error : toParleyError(error, provider));
    }
    signal.addEventListener('abort', onAbort, { once: true });
    socket.on('unexpected-response', (_request, response) => {
      const parts: Buffer[] = [];
      response.on('data', (part: Buffer) => parts.push(part));
      response.on('end', () =>
        fail(
          httpStatusError(
            provider,
            response.statusCode ?? 0,
            Buffer.concat(parts).toString('utf8'),
            headersOf(response.headers),
          ),
        ),
      );
      response.on('error', (error) => fail(toParleyError(error, provider)));
    });
    socket.on('error', (error) => {
      const parleyError = toParleyError(error, provider) as ProviderError;
      if (opened) push({ type: 'error', error: parleyError });
      else fail(parleyError);
    });
    socket.on('message', (data: Buffer, isBinary) => {
      push(isBinary ? { type: 'binary', data } : { type: 'text', data: data.toString('utf8') });
    });
    socket.on('close', (code, reason) => {
      push({ type: 'close', code, reason: reason.toString('utf8') });
      events.close();
      signal.removeEventListener('abort', onAbort);
      if (!opened)
        fail(
          new ProviderError(`${provider}: socket closed during handshake`, {
            provider,
            retryable: true,
            cause: new Error(`close ${code}`),
          }),
        );
    });
    socket.on('open', () => {
      opened = true;
      cancelTimer();
      resolve({
        socket,
        events,
        send: (data) => {
          if (socket.readyState === WebSocket.OPEN) socket.send(data);
        },
        close,
      });
    });
  });
}

/** Node's incoming headers as a fetch `Headers`, for the shared error reader. */
function headersOf(raw: Readonly<Record<string, string | string[] | undefined>>): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(raw)) {
    if (typeof value === 'string') headers.set(name, value);
    else if (Array.isArray(value)) for (const item of value) headers.append(name, item);
  }
  return headers;
}
