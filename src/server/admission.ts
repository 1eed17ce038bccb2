import { cpus, totalmem } from 'node:os';

/** Server-wide caps. docs/security.md explains the defaults. */
export interface AdmissionLimits {
  /** Open WebSocket connections (with or without a session); more get HTTP 503. */
  readonly maxConnections: number;
  /** Live sessions; a `session.start` beyond it gets a `busy` error. */
  readonly maxSessions: number;
  /**
   * Open WebSocket connections from one remote address; more get HTTP 429. Behind a proxy
   * every client has the proxy's address: raise it (or set Infinity) there.
   */
  readonly maxConnectionsPerAddress: number;
}

/** Memory budgeted per live offline session (pocketsphinx, VAD, TTS child, buffers). */
export const SESSION_BUDGET_BYTES = 160 * 1024 * 1024;
/** Sessions per core the offline engines keep real-time on (STT + VAD + TTS per session). */
const SESSIONS_PER_CORE = 8;

/** What this machine holds: the smaller of the memory and the CPU budget. */
export function defaultAdmissionLimits(
  memoryBytes = totalmem(),
  cores = cpus().length,
): AdmissionLimits {
  const byMemory = Math.floor((memoryBytes * 0.6) / SESSION_BUDGET_BYTES);
  const maxSessions = Math.max(1, Math.min(byMemory, cores * SESSIONS_PER_CORE));
  // A connection without a session costs ~tens of KB (measured in load.test.ts: 500 of them, < 50 MB).
  return {
    maxSessions,
    maxConnections: Math.max(1_000, maxSessions * 8),
    maxConnectionsPerAddress: 64,
  };
}

/** Counts slots; `take()` returns a release function (idempotent), or undefined when full. */
export class SlotCounter {
  readonly #max: number;
  #used = 0;

  constructor(max: number) {
    if (!(max >= 1)) throw new RangeError('a cap must be ≥ 1');
    this.#max = max;
  }

  get used(): number {
    return this.#used;
  }

  take(): (() => void) | undefined {
    if (this.#used >= this.#max) return undefined;
    this.#used += 1;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.#used -= 1;
    };
  }
}

/** One SlotCounter per key (a remote address); a key's counter goes when its last slot does. */
export class KeyedSlots {
  readonly #max: number;
  readonly #used = new Map<string, number>();

  constructor(max: number) {
    if (!(max >= 1)) throw new RangeError('a cap must be ≥ 1');
    this.#max = max;
  }

  take(key: string): (() => void) | undefined {
    const used = this.#used.get(key) ?? 0;
    if (used >= this.#max) return undefined;
    this.#used.set(key, used + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.#used.get(key) ?? 1) - 1;
      if (left <= 0) this.#used.delete(key);
      else this.#used.set(key, left);
    };
  }
}
