import { NOT_CAUGHT_AFTER_MS, pressProblem } from './press-feedback.ts';
import type { Strings } from './strings.ts';

/**
 * One push-to-talk press at a time: how long it was held and how loud the
 * microphone got. On release it says what went wrong, at once (a tap, a silent
 * microphone) or after a while (the server heard no words).
 */
export class PressTracker {
  readonly #strings: Strings;
  readonly #feedback: (text: string) => void;
  #press: { startMs: number; peakRms: number } | undefined;
  #notCaught: ReturnType<typeof setTimeout> | undefined;

  constructor(strings: Strings, feedback: (text: string) => void) {
    this.#strings = strings;
    this.#feedback = feedback;
  }

  get held(): boolean {
    return this.#press !== undefined;
  }

  down(nowMs: number): void {
    this.heardWords();
    this.#press = { startMs: nowMs, peakRms: 0 };
  }

  /** A microphone frame's level while the press lasts. */
  level(rms: number): void {
    if (this.#press) this.#press.peakRms = Math.max(this.#press.peakRms, rms);
  }

  up(nowMs: number): void {
    const press = this.#press;
    this.#press = undefined;
    if (!press) return;
    const problem = pressProblem({ heldMs: nowMs - press.startMs, peakRms: press.peakRms });
    if (problem === 'too-short') return this.#feedback(this.#strings.pressTooShort);
    if (problem === 'silent') return this.#feedback(this.#strings.pressSilent);
    this.#notCaught = setTimeout(
      () => this.#feedback(this.#strings.pressNotCaught),
      NOT_CAUGHT_AFTER_MS,
    );
  }

  /** The server heard words (a transcript or a turn): no "not caught" feedback. */
  heardWords(): void {
    clearTimeout(this.#notCaught);
    this.#notCaught = undefined;
  }

  cancel(): void {
    this.heardWords();
    this.#press = undefined;
  }
}
