import type { WebSocket } from 'ws';
import type { RecordedSession } from '../records/recorded-session.ts';
import type { BrowserConnection } from '../transport/browser-connection.ts';

/** One live call on this worker: its socket, connection and (once started) session. */
export interface Call {
  readonly socket: WebSocket;
  readonly connection: BrowserConnection;
  session?: RecordedSession;
}

/** The worker's calls, findable by session id; `idle()` resolves when the last one ends. */
export class CallTable {
  readonly #calls = new Set<Call>();
  #waiters: (() => void)[] = [];

  get size(): number {
    return this.#calls.size;
  }

  add(call: Call): void {
    this.#calls.add(call);
  }

  delete(call: Call): void {
    this.#calls.delete(call);
    if (this.#calls.size === 0) {
      for (const wake of this.#waiters.splice(0)) wake();
    }
  }

  bySession(sessionId: string): Call | undefined {
    for (const call of this.#calls) if (call.session?.id === sessionId) return call;
    return undefined;
  }

  all(): Call[] {
    return [...this.#calls];
  }

  /** Resolves when no call is left, or when `signal` aborts (then with false). */
  idle(signal: AbortSignal): Promise<boolean> {
    if (this.#calls.size === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const onAbort = () => resolve(false);
      signal.addEventListener('abort', onAbort, { once: true });
      this.#waiters.push(() => {
        signal.removeEventListener('abort', onAbort);
        resolve(true);
      });
    });
  }
}

/** Tells the client why its call ends, then closes it. */
export async function endCall(
  call: Call,
  code: 'session-expired' | 'session-failed',
  message: string,
  reason: string,
): Promise<void> {
  call.session?.setEndReason(reason);
  if (call.socket.readyState === call.socket.OPEN)
    call.socket.send(JSON.stringify({ type: 'error', code, message, fatal: true }));
  await call.connection.close();
}
