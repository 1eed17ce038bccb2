import type { RecordedSession } from '../records/recorded-session.ts';

export type CallEndCode = 'session-expired' | 'session-failed';

/** One live call on this worker (a browser or a phone media stream) and, once started, its session. */
export interface Call {
  session?: RecordedSession;
  /** Tells the caller why, when its transport can, then closes the call. */
  readonly end: (code: CallEndCode, message: string) => Promise<void>;
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
  code: CallEndCode,
  message: string,
  reason: string,
): Promise<void> {
  call.session?.setEndReason(reason);
  await call.end(code, message);
}
