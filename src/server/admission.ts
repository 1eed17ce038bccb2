import { cpus, totalmem } from 'node:os';

/** Server-wide caps. docs/security.md explains the defaults. */
export interface AdmissionLimits {
  /** Open WebSocket connections (with or without a session); more get HTTP 503. */
  readonly maxConnections: number;
  /** Live sessions; a `session.start` beyond it gets a `busy` error. */
  readonly maxSessions: number;
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
  return { maxSessions, maxConnections: Math.max(1_000, maxSessions * 8) };
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
