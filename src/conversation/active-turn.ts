import { heardReplyText } from '../speak/heard-text.ts';
import type { AudioOutput } from '../speak/audio-output.ts';
import type { ReplySpeech } from '../speak/reply-speech.ts';

export interface TurnInput {
  readonly turnId: number;
  /** Empty for a greeting. */
  readonly userText: string;
  /** Fixed words to say without the LLM (the greeting). */
  readonly fixedReply?: string;
  readonly speechEndedAtMs: number;
  readonly detectedAtMs: number;
  readonly finalAtMs?: number;
}

/** A turn in flight, as the session sees it: enough to pause, stop or truncate it. */
export class ActiveTurn {
  readonly input: TurnInput;
  readonly controller: AbortController;
  readonly output: AudioOutput;
  readonly speech: ReplySpeech;
  reportedPlayedMs: number | undefined;
  pausedAtMs: number | undefined;
  interruptedAtMs: number | undefined;
  interruptMs: number | undefined;
  /** Replaced by a longer user turn before any audio: writes nothing to history. */
  superseded = false;
  /** Provider fallbacks taken during this turn. */
  readonly fallbacks: string[] = [];
  done: Promise<void> = Promise.resolve();
  /** Stops listening to the session's signal once the turn is over. */
  readonly detach: () => void;

  constructor(
    input: TurnInput,
    parentSignal: AbortSignal,
    output: AudioOutput,
    speech: (signal: AbortSignal) => ReplySpeech,
  ) {
    this.input = input;
    this.controller = new AbortController();
    const onParentAbort = () => this.controller.abort();
    parentSignal.addEventListener('abort', onParentAbort, { once: true });
    this.detach = () => parentSignal.removeEventListener('abort', onParentAbort);
    this.output = output;
    this.speech = speech(this.controller.signal);
  }

  /** Audio has started and the user can hear it (or it is paused mid-way). */
  get audible(): boolean {
    return this.output.started && this.interruptedAtMs === undefined && !this.finished;
  }

  finished = false;

  /** What the client has played: its report, else an estimate from what was sent. */
  playedMs(nowMs: number, leadMs: number): number {
    if (this.reportedPlayedMs !== undefined) return this.reportedPlayedMs;
    const sinceSilentMs = nowMs - (this.pausedAtMs ?? nowMs);
    return Math.max(0, this.output.sentMs - Math.max(0, leadMs - sinceSilentMs));
  }

  /** Stops sending audio at once (reversible): user speech may be an interruption. */
  pause(nowMs: number): boolean {
    if (!this.audible || this.output.paused) return false;
    this.output.pause();
    this.pausedAtMs = nowMs;
    return true;
  }

  /** Goes on from where the pause left off (a backchannel or a false interruption). */
  resume(): boolean {
    if (!this.output.paused || this.interruptedAtMs !== undefined) return false;
    this.output.resume();
    this.pausedAtMs = undefined;
    return true;
  }

  /**
   * The user barged in: stop the audio for good, abort the reply, and return
   * the reply text they heard (undefined when there was nothing to interrupt).
   */
  interrupt(nowMs: number, onsetMs: number, leadMs: number): string | undefined {
    if (!this.audible) return undefined;
    this.output.pause();
    this.pausedAtMs ??= nowMs;
    this.interruptedAtMs = nowMs;
    this.interruptMs = this.pausedAtMs - onsetMs;
    const playedMs = this.playedMs(nowMs, leadMs);
    this.reportedPlayedMs = playedMs;
    this.output.stop();
    this.controller.abort();
    return heardReplyText(this.speech.segments, playedMs);
  }
}
