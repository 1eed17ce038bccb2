import type { Clock } from '../spec/clock.ts';
import type { EndOfTurnConfig } from '../spec/turn.ts';
import { decideEndOfTurn } from '../listen/end-of-turn.ts';

export interface UserTurn {
  readonly text: string;
  /** When the user stopped speaking (clock ms). */
  readonly speechEndedAtMs: number;
  readonly finalAtMs: number | undefined;
  readonly detectedAtMs: number;
}

/**
 * Collects what the user says (VAD edges, interim and final transcripts) and
 * decides, through the pure `decideEndOfTurn`, when their turn is over.
 */
export class TurnDetector {
  readonly #clock: Clock;
  readonly #config: EndOfTurnConfig;
  readonly #onTurn: (turn: UserTurn) => void;
  #finals: string[] = [];
  #interim = '';
  #speaking = false;
  #speechEndedAtMs: number | undefined;
  #finalAtMs: number | undefined;
  #released = false;
  #cancelTimer: (() => void) | undefined;
  readonly #pushToTalk: boolean;
  readonly #isExpectedPhrase: ((transcript: string) => boolean) | undefined;

  /**
   * With `pushToTalk`, silence never ends a turn: only `release()` does.
   * `isExpectedPhrase` marks the agent's known complete requests (short wait).
   */
  constructor(
    clock: Clock,
    config: EndOfTurnConfig,
    onTurn: (turn: UserTurn) => void,
    options: {
      readonly pushToTalk?: boolean;
      readonly isExpectedPhrase?: (transcript: string) => boolean;
    } = {},
  ) {
    this.#clock = clock;
    this.#config = config;
    this.#onTurn = onTurn;
    this.#pushToTalk = options.pushToTalk ?? false;
    this.#isExpectedPhrase = options.isExpectedPhrase;
  }

  get userSpeaking(): boolean {
    return this.#speaking;
  }

  /** Everything heard in this turn so far. */
  get transcript(): string {
    return [...this.#finals, this.#interim].filter((t) => t !== '').join(' ');
  }

  speechStart(): void {
    this.#speaking = true;
    this.#released = false;
    this.#schedule(undefined);
  }

  speechEnd(atMs: number): void {
    this.#speaking = false;
    this.#speechEndedAtMs = atMs;
    this.#evaluate();
  }

  interim(text: string): void {
    this.#interim = text;
    this.#evaluate();
  }

  final(text: string): void {
    this.#interim = '';
    if (text.trim() !== '') this.#finals.push(text.trim());
    this.#finalAtMs = this.#clock.now();
    // A final with no VAD edge around it (the VAD missed the speech): treat now as its end.
    if (!this.#speaking && this.#speechEndedAtMs === undefined)
      this.#speechEndedAtMs = this.#clock.now();
    this.#evaluate();
  }

  /** Push-to-talk released: end the turn as soon as the words are final. */
  release(): void {
    this.#speaking = false;
    this.#released = true;
    this.#speechEndedAtMs ??= this.#clock.now();
    this.#evaluate();
  }

  /** Forget what was heard (a backchannel the agent talked through). */
  discard(): void {
    this.#reset();
  }

  close(): void {
    this.#reset();
  }

  #evaluate(): void {
    const nowMs = this.#clock.now();
    const finalReceived = this.#interim === '' && this.#finals.length > 0;
    if (this.#released) {
      if (finalReceived) return this.#end(nowMs);
      const deadlineMs = (this.#speechEndedAtMs ?? nowMs) + this.#config.sttFinalTimeoutMs;
      if (nowMs >= deadlineMs) return this.transcript === '' ? this.#reset() : this.#end(nowMs);
      return this.#schedule(deadlineMs);
    }
    if (this.#pushToTalk) return;
    const decision = decideEndOfTurn(
      {
        nowMs,
        userSpeaking: this.#speaking,
        speechEndedAtMs: this.#speechEndedAtMs,
        transcript: this.transcript,
        finalReceived,
      },
      this.#config,
      this.#isExpectedPhrase,
    );
    if (decision.kind === 'end') return this.#end(nowMs);
    if (decision.untilMs !== undefined && decision.untilMs <= nowMs) {
      // Speech that never produced words (a cough, a door): nothing to answer.
      return this.#reset();
    }
    this.#schedule(decision.untilMs);
  }

  #end(nowMs: number): void {
    const turn: UserTurn = {
      text: this.transcript,
      speechEndedAtMs: this.#speechEndedAtMs ?? nowMs,
      finalAtMs: this.#finalAtMs,
      detectedAtMs: nowMs,
    };
    this.#reset();
    this.#onTurn(turn);
  }

  #reset(): void {
    this.#schedule(undefined);
    this.#finals = [];
    this.#interim = '';
    this.#speechEndedAtMs = undefined;
    this.#finalAtMs = undefined;
    this.#released = false;
  }

  #schedule(atMs: number | undefined): void {
    this.#cancelTimer?.();
    this.#cancelTimer = undefined;
    if (atMs === undefined) return;
    this.#cancelTimer = this.#clock.setTimer(atMs - this.#clock.now(), () => {
      this.#cancelTimer = undefined;
      this.#evaluate();
    });
  }
}
