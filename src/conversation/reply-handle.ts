import { heardReplyText } from '../speak/heard-text.ts';
import type { AudioOutput } from '../speak/audio-output.ts';
import type { ReplySpeech } from '../speak/reply-speech.ts';
import type { TurnTiming } from './state.ts';

export interface ReplyInput {
  readonly turnId: number;
  /** Empty for the greeting. */
  readonly userText: string;
  /** Fixed words to say without thinking (the greeting). */
  readonly fixedText?: string;
  readonly timing: TurnTiming;
  /** The turn was a push-to-talk turn: its figures count from the release. */
  readonly pushToTalk: boolean;
  /** The voice's speaking rate, for heard text when the TTS gives no word timings. */
  readonly wordsPerMinute: number;
  /** Prepared ahead of the turn's end: silent, and no world-changing tool, until `commit`. */
  readonly held?: boolean;
}

/**
 * One reply in flight, as the conversation drives it: pause, resume, interrupt, cancel.
 * Its state is private; it reports back (first audio, tool calls, end) through the events
 * the orchestrator feeds into the state machine.
 */
export class ReplyHandle {
  readonly input: ReplyInput;
  readonly output: AudioOutput;
  readonly speech: ReplySpeech;
  readonly signal: AbortSignal;
  readonly #controller: AbortController;
  readonly #detach: () => void;
  #reportedPlayedMs: number | undefined;
  #pausedAtMs: number | undefined;
  #interruptedAtMs: number | undefined;
  #interruptMs: number | undefined;
  #cancelled = false;
  #finished = false;
  #held: boolean;
  #timing: TurnTiming;
  #onCommit: (() => void)[] = [];
  readonly #fallbacks: string[] = [];

  constructor(
    input: ReplyInput,
    parentSignal: AbortSignal,
    output: AudioOutput,
    speech: (signal: AbortSignal) => ReplySpeech,
  ) {
    this.input = input;
    this.#held = input.held === true;
    this.#timing = input.timing;
    this.#controller = new AbortController();
    this.signal = this.#controller.signal;
    const onParentAbort = () => this.#controller.abort();
    parentSignal.addEventListener('abort', onParentAbort, { once: true });
    this.#detach = () => parentSignal.removeEventListener('abort', onParentAbort);
    this.output = output;
    if (this.#held) output.pause();
    this.speech = speech(this.signal);
  }

  /** When the user's turn ended and how (a prepared reply learns it at `commit`). */
  get timing(): TurnTiming {
    return this.#timing;
  }

  /** Prepared and not yet committed: silent, its events held by the session. */
  get held(): boolean {
    return this.#held;
  }

  /** The turn ended with the prepared words: the reply may be heard and change the world. */
  commit(timing: TurnTiming): void {
    if (!this.#held || this.signal.aborted) return;
    this.#held = false;
    this.#timing = timing;
    this.output.resume();
    for (const resolve of this.#onCommit.splice(0)) resolve();
  }

  /**
   * Resolves once the reply is committed (at once when it was never held); rejects with the
   * abort reason when it is discarded or stopped first.
   */
  untilCommitted(): Promise<void> {
    if (!this.#held) return Promise.resolve();
    const signal = this.signal;
    return new Promise<void>((resolve, reject) => {
      if (signal.aborted) {
        reject(signal.reason as Error);
        return;
      }
      const onAbort = () => reject(signal.reason as Error);
      signal.addEventListener('abort', onAbort, { once: true });
      this.#onCommit.push(() => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      });
    });
  }

  get interrupted(): boolean {
    return this.#interruptedAtMs !== undefined;
  }

  /** Replaced before it said anything, or retracted: it writes no history. */
  get cancelled(): boolean {
    return this.#cancelled;
  }

  /** Speech onset → agent audio stopped, when interrupted while audible. */
  get interruptMs(): number | undefined {
    return this.#interruptMs;
  }

  get fallbacks(): readonly string[] {
    return this.#fallbacks;
  }

  /** Audio has started and the user can hear it (or it is paused mid-way). */
  get audible(): boolean {
    return this.output.started && !this.interrupted && !this.#finished;
  }

  recordFallback(label: string): void {
    this.#fallbacks.push(label);
  }

  notePlayback(playedMs: number): void {
    if (Number.isFinite(playedMs) && playedMs >= 0) {
      this.#reportedPlayedMs = Math.min(playedMs, this.output.sentMs);
    }
  }

  /** What the client has played: its report, else an estimate from what was sent. */
  playedMs(nowMs: number, leadMs: number): number {
    if (this.#reportedPlayedMs !== undefined) return this.#reportedPlayedMs;
    const sinceSilentMs = nowMs - (this.#pausedAtMs ?? nowMs);
    return Math.max(0, this.output.sentMs - Math.max(0, leadMs - sinceSilentMs));
  }

  /** Stops sending audio at once (reversible): user speech may be an interruption. */
  pause(nowMs: number): boolean {
    if (!this.audible || this.output.paused) return false;
    this.output.pause();
    this.#pausedAtMs = nowMs;
    return true;
  }

  /** Goes on from where the pause left off (a backchannel or a false interruption). */
  resume(): boolean {
    if (!this.output.paused || this.interrupted) return false;
    this.output.resume();
    this.#pausedAtMs = undefined;
    return true;
  }

  /**
   * Stops for good and aborts the reply. Returns the reply text the user heard, or undefined
   * when no audio had started (nothing for the client to flush).
   */
  interrupt(nowMs: number, onsetMs: number, leadMs: number): string | undefined {
    if (this.interrupted || this.#finished) return undefined;
    const wasAudible = this.audible;
    this.#pausedAtMs ??= nowMs;
    this.#interruptedAtMs = nowMs;
    const playedMs = this.playedMs(nowMs, leadMs);
    this.#reportedPlayedMs = playedMs;
    this.output.stop();
    this.#controller.abort();
    if (!wasAudible) return undefined;
    this.#interruptMs = Math.max(0, this.#pausedAtMs - onsetMs);
    return heardReplyText(this.speech.segments, playedMs, this.input.wordsPerMinute);
  }

  /**
   * Stops a reply the user went on over, as `interrupt` does (returns the text heard, for the
   * client to flush), and drops it like a cancelled one: it was no answer, and writes no history.
   */
  retract(nowMs: number, onsetMs: number, leadMs: number): string | undefined {
    const heardText = this.interrupt(nowMs, onsetMs, leadMs);
    this.#cancelled = true;
    return heardText;
  }

  /** Drops a reply that said nothing and was replaced (its user text merged into the next). */
  cancel(): void {
    this.#cancelled = true;
    this.output.stop();
    this.speech.finish();
    this.#controller.abort();
  }

  /** The reply is over: stop listening to the session's signal. */
  finish(): void {
    this.#finished = true;
    this.#detach();
  }
}
