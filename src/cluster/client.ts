import { WebSocket } from 'ws';
import type { ServerMessage } from '../transport/messages.ts';
import { NoWorkerError, WorkerLostError } from './errors.ts';
import type { Dispatch } from './front-door.ts';

/** Asks the front door for a worker: `POST <frontDoorUrl>/api/dispatch`. */
export async function requestDispatch(
  frontDoorUrl: string,
  signal?: AbortSignal,
): Promise<Dispatch> {
  const response = await fetch(`${frontDoorUrl}/api/dispatch`, {
    method: 'POST',
    ...(signal && { signal }),
  });
  if (response.status === 503) throw new NoWorkerError(await response.text());
  if (!response.ok) throw new Error(`dispatch failed: HTTP ${response.status}`);
  return (await response.json()) as Dispatch;
}

/** How a call ended, from the client's side. */
export type CallEnd =
  | { readonly kind: 'closed'; readonly code: number }
  /** The server said why (a fatal wire error), then closed. */
  | { readonly kind: 'ended-by-server'; readonly code: string; readonly message: string }
  /** The worker vanished without a close frame: a crash, a kill, a lost network. */
  | { readonly kind: 'worker-lost'; readonly error: WorkerLostError };

/**
 * A Node client of one call on a worker (tests, bench, server-to-server use). The browser
 * client does the same: an abnormal close (1006) is a lost worker, reported as such.
 */
export class CallClient {
  readonly socket: WebSocket;
  readonly messages: ServerMessage[] = [];
  readonly ended: Promise<CallEnd>;
  #waiters = new Set<() => void>();

  private constructor(socket: WebSocket) {
    this.socket = socket;
    socket.on('message', (data, isBinary) => {
      if (isBinary) return;
      const text = (
        Array.isArray(data) ? Buffer.concat(data) : Buffer.isBuffer(data) ? data : Buffer.from(data)
      ).toString('utf8');
      this.messages.push(JSON.parse(text) as ServerMessage);
      for (const wake of this.#waiters) wake();
    });
    this.ended = new Promise((resolve) => {
      socket.on('close', (code) => {
        const fatal = this.messages.findLast((m) => m.type === 'error' && m.fatal);
        if (fatal?.type === 'error')
          resolve({ kind: 'ended-by-server', code: fatal.code, message: fatal.message });
        else if (code === 1006)
          resolve({
            kind: 'worker-lost',
            error: new WorkerLostError(
              'the worker holding this call stopped without closing it: the call is lost; start a new one',
              code,
            ),
          });
        else resolve({ kind: 'closed', code });
        for (const wake of this.#waiters) wake();
      });
    });
  }

  static async connect(url: string, signal?: AbortSignal): Promise<CallClient> {
    const socket = new WebSocket(url);
    await new Promise<void>((resolve, reject) => {
      const onAbort = () => socket.terminate();
      signal?.addEventListener('abort', onAbort, { once: true });
      socket.once('open', () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      });
      socket.once('error', (error) => {
        signal?.removeEventListener('abort', onAbort);
        reject(error);
      });
      socket.once('unexpected-response', (_request, response) => {
        socket.terminate();
        reject(new Error(`worker refused the call: HTTP ${response.statusCode}`));
      });
    });
    return new CallClient(socket);
  }

  send(message: unknown): void {
    this.socket.send(JSON.stringify(message));
  }

  /** Starts the session; resolves to its id. */
  async start(agent: string, timeoutMs = 10_000): Promise<string> {
    this.send({ type: 'session.start', agent, sampleRate: 16_000 });
    const ready = await this.waitFor((m) => m.type === 'session.ready', timeoutMs);
    return ready.type === 'session.ready' ? ready.sessionId : '';
  }

  /** The first message (from `fromIndex`) that matches; rejects on timeout or when the call ends. */
  waitFor(
    match: (message: ServerMessage) => boolean,
    timeoutMs = 10_000,
    fromIndex = 0,
  ): Promise<ServerMessage> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = this.messages.slice(fromIndex).find(match);
        if (found) return done(() => resolve(found));
        if (this.socket.readyState === WebSocket.CLOSED)
          return done(() => reject(new Error('the call ended before the awaited message')));
      };
      const timer = setTimeout(
        () => done(() => reject(new Error(`no awaited message in ${timeoutMs} ms`))),
        timeoutMs,
      );
      const done = (settle: () => void) => {
        clearTimeout(timer);
        this.#waiters.delete(check);
        settle();
      };
      this.#waiters.add(check);
      check();
    });
  }

  async close(): Promise<void> {
    if (this.socket.readyState !== WebSocket.CLOSED) this.socket.close(1000);
    await this.ended;
  }
}
