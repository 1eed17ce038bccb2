import type { Clock } from '../../index.ts';
import { EMPTY_DTMF, stepDtmf, type DtmfRule, type DtmfState } from './dtmf.ts';

/** The thin runner of `stepDtmf`: owns the pause timer and hands finished entries on. */
export class DtmfCollector {
  readonly #rule: DtmfRule;
  readonly #clock: Clock;
  readonly #onEntry: (entry: string) => void;
  #state: DtmfState = EMPTY_DTMF;
  #cancelTimer: (() => void) | undefined;
  #closed = false;

  constructor(rule: DtmfRule, clock: Clock, onEntry: (entry: string) => void) {
    this.#rule = rule;
    this.#clock = clock;
    this.#onEntry = onEntry;
  }

  /** Pending digits, for tests and logs. */
  get pending(): string {
    return this.#state.digits;
  }

  press(key: string): void {
    if (this.#closed) return;
    this.#apply(stepDtmf(this.#rule, this.#state, { type: 'key', key, atMs: this.#clock.now() }));
  }

  close(): void {
    this.#closed = true;
    this.#cancelTimer?.();
    this.#cancelTimer = undefined;
  }

  #apply(step: { state: DtmfState; entry?: string }): void {
    this.#cancelTimer?.();
    this.#cancelTimer = undefined;
    this.#state = step.state;
    const deadlineMs = step.state.deadlineMs;
    if (deadlineMs !== undefined) {
      this.#cancelTimer = this.#clock.setTimer(deadlineMs - this.#clock.now(), () => {
        this.#cancelTimer = undefined;
        if (this.#closed) return;
        this.#apply(stepDtmf(this.#rule, this.#state, { type: 'deadline', atMs: deadlineMs }));
      });
    }
    if (step.entry !== undefined) this.#onEntry(step.entry);
  }
}
