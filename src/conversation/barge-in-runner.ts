import type { Clock } from '../spec/clock.ts';
import type { InterruptionConfig } from '../spec/turn.ts';
import {
  type BargeInAction,
  type BargeInInput,
  IDLE_BARGE_IN,
  nextBargeInDeadline,
  stepBargeIn,
} from './barge-in.ts';

/** Feeds the pure barge-in reducer and keeps its one timer. */
export class BargeInRunner {
  readonly #clock: Clock;
  readonly #config: InterruptionConfig;
  readonly #onAction: (action: Exclude<BargeInAction, 'none'>, onsetMs: number) => void;
  #state = IDLE_BARGE_IN;
  #cancelTimer: (() => void) | undefined;

  constructor(
    clock: Clock,
    config: InterruptionConfig,
    onAction: (action: Exclude<BargeInAction, 'none'>, onsetMs: number) => void,
  ) {
    this.#clock = clock;
    this.#config = config;
    this.#onAction = onAction;
  }

  get phase(): string {
    return this.#state.phase;
  }

  /** `onsetMs`: when the speech really began (the VAD reports it a little later). */
  speechStart(onsetMs = this.#clock.now()): void {
    this.#step({ type: 'speech-start', nowMs: Math.min(onsetMs, this.#clock.now()) });
  }

  speechEnd(): void {
    this.#step({ type: 'speech-end', nowMs: this.#clock.now() });
  }

  transcript(text: string): void {
    this.#step({ type: 'transcript', nowMs: this.#clock.now(), text });
  }

  reset(): void {
    this.#state = IDLE_BARGE_IN;
    this.#schedule();
  }

  #step(input: BargeInInput): void {
    const onsetMs = this.#state.phase === 'idle' ? input.nowMs : this.#state.onsetMs;
    const { state, action } = stepBargeIn(this.#state, input, this.#config);
    this.#state = state;
    this.#schedule();
    if (action !== 'none') this.#onAction(action, onsetMs);
  }

  #schedule(): void {
    this.#cancelTimer?.();
    this.#cancelTimer = undefined;
    const deadlineMs = nextBargeInDeadline(this.#state, this.#config);
    if (deadlineMs === undefined) return;
    this.#cancelTimer = this.#clock.setTimer(deadlineMs - this.#clock.now(), () => {
      this.#cancelTimer = undefined;
      this.#step({ type: 'tick', nowMs: this.#clock.now() });
    });
  }
}
