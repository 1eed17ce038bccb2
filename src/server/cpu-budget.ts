/** How much main-thread time one session may take. docs/security.md explains the defaults. */
export interface CpuBudgetLimits {
  /** Main-thread milliseconds a session may use per second, sustained. */
  readonly cpuMsPerSecond: number;
  /** Milliseconds it may use above that rate in a burst (session start, a long turn). */
  readonly burstCpuMs: number;
}

/**
 * Offline voice sessions (Silero VAD, pocketsphinx, dialogue, TTS set-up; a spoken question and
 * a typed one) measured 70–240 ms of main-thread time per second of session on this 2-core
 * machine at load average 20 (bench/soak.ts; wall time stretches under load). 500 ms a second
 * after a 5 s burst keeps them clear of it while no one session can hold over half the loop.
 */
export const DEFAULT_CPU_BUDGET: CpuBudgetLimits = { cpuMsPerSecond: 500, burstCpuMs: 5_000 };

/**
 * A token bucket of main-thread milliseconds, charged after the fact with what the session's
 * account measured: the balance may go below zero (work already done cannot be refused), and
 * the session is over budget until the refill brings it back above zero. Pure over `now`.
 */
export class CpuBudget {
  readonly limits: CpuBudgetLimits;
  readonly #now: () => number;
  #balanceMs: number;
  #chargedMs = 0;
  #atMs: number;

  constructor(limits: CpuBudgetLimits, now: () => number) {
    if (!(limits.cpuMsPerSecond > 0) || !(limits.burstCpuMs > 0)) {
      throw new RangeError('a CPU budget needs a positive rate and burst');
    }
    this.limits = limits;
    this.#now = now;
    this.#balanceMs = limits.burstCpuMs;
    this.#atMs = now();
  }

  /** Brings the balance up to date with the account's total (`usedMs` only grows). */
  update(usedMs: number): void {
    const nowMs = this.#now();
    const refillMs = ((nowMs - this.#atMs) * this.limits.cpuMsPerSecond) / 1000;
    this.#atMs = nowMs;
    this.#balanceMs = Math.min(this.limits.burstCpuMs, this.#balanceMs + refillMs);
    this.#balanceMs -= Math.max(0, usedMs - this.#chargedMs);
    this.#chargedMs = Math.max(this.#chargedMs, usedMs);
  }

  /** Milliseconds of main-thread time left in the bucket (negative: in debt). */
  get balanceMs(): number {
    return this.#balanceMs;
  }

  get exhausted(): boolean {
    return this.#balanceMs <= 0;
  }

  /** How long until the refill brings an exhausted balance back above zero. */
  get retryAfterMs(): number {
    if (!this.exhausted) return 0;
    return Math.ceil(((1 - this.#balanceMs) * 1000) / this.limits.cpuMsPerSecond);
  }
}
