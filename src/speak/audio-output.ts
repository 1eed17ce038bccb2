import type { Clock } from '../spec/clock.ts';
import { isAbortError } from '../stream/abort.ts';

export interface AudioOutputOptions {
  readonly clock: Clock;
  readonly sampleRate: number;
  readonly frameMs: number;
  /** Frames may go out this far ahead of real time (the client's jitter buffer). */
  readonly leadMs: number;
  /** `write` waits while more than this is buffered (backpressure on the TTS). */
  readonly maxBufferedMs: number;
  readonly sendFrame: (frame: Int16Array, offsetMs: number) => void;
}

export type OutputEnd = 'completed' | 'stopped';

/**
 * Agent audio for one turn, sent in small frames paced to real time so that it
 * can be cut at any moment. Pause holds the position; resume continues from it;
 * stop drops what is left.
 */
export class AudioOutput {
  readonly #options: AudioOutputOptions;
  readonly #frameSamples: number;
  #pieces: Int16Array[] = [];
  #bufferedSamples = 0;
  #ended = false;
  #paused = false;
  #pausedAtMs = 0;
  #sentSamples = 0;
  #playStartMs: number | undefined;
  #wake: (() => void) | undefined;
  #spaceWaiters: (() => void)[] = [];
  readonly #stop = new AbortController();
  readonly finished: Promise<OutputEnd>;

  constructor(options: AudioOutputOptions) {
    this.#options = options;
    this.#frameSamples = Math.round((options.sampleRate * options.frameMs) / 1000);
    this.finished = this.#run();
  }

  /** Ms of audio sent so far (the position of the next frame). */
  get sentMs(): number {
    return (this.#sentSamples * 1000) / this.#options.sampleRate;
  }

  get started(): boolean {
    return this.#playStartMs !== undefined;
  }

  get paused(): boolean {
    return this.#paused;
  }

  get stopped(): boolean {
    return this.#stop.signal.aborted;
  }

  /** Clock time the first frame went out. */
  get startedAtMs(): number | undefined {
    return this.#playStartMs;
  }

  async write(samples: Int16Array): Promise<void> {
    if (this.stopped || this.#ended) return;
    const maxSamples = (this.#options.maxBufferedMs * this.#options.sampleRate) / 1000;
    while (this.#bufferedSamples > maxSamples && !this.stopped) {
      await new Promise<void>((resolve) => this.#spaceWaiters.push(resolve));
    }
    if (this.stopped) return;
    this.#pieces.push(samples);
    this.#bufferedSamples += samples.length;
    this.#wakeUp();
  }

  /** No more audio will be written; `finished` resolves once the rest has played. */
  end(): void {
    this.#ended = true;
    this.#wakeUp();
  }

  pause(): void {
    if (this.#paused || this.stopped) return;
    this.#paused = true;
    this.#pausedAtMs = this.#options.clock.now();
  }

  resume(): void {
    if (!this.#paused || this.stopped) return;
    this.#paused = false;
    if (this.#playStartMs !== undefined) {
      this.#playStartMs += this.#options.clock.now() - this.#pausedAtMs;
    }
    this.#wakeUp();
  }

  stop(): void {
    if (this.stopped) return;
    this.#stop.abort();
    this.#pieces = [];
    this.#bufferedSamples = 0;
    this.#wakeUp();
    this.#releaseWriters();
  }

  async #run(): Promise<OutputEnd> {
    const { clock } = this.#options;
    const signal = this.#stop.signal;
    try {
      for (;;) {
        if (signal.aborted) return 'stopped';
        if (this.#paused || (this.#bufferedSamples < this.#frameSamples && !this.#ended)) {
          await this.#waitForChange();
          continue;
        }
        if (this.#bufferedSamples === 0) break;
        const dueMs = this.#dueMs();
        if (dueMs > clock.now()) {
          await clock.sleep(dueMs - clock.now(), signal);
          continue;
        }
        const frame = this.#take(Math.min(this.#frameSamples, this.#bufferedSamples));
        this.#playStartMs ??= clock.now();
        this.#catchUpWithClient(clock.now());
        const offsetMs = this.sentMs;
        this.#sentSamples += frame.length;
        this.#options.sendFrame(frame, offsetMs);
      }
      // Everything is sent; the agent is still audible until the client plays it out.
      for (;;) {
        if (signal.aborted) return 'stopped';
        if (this.#paused) {
          await this.#waitForChange();
          continue;
        }
        const playedOutAtMs = (this.#playStartMs ?? clock.now()) + this.sentMs;
        if (clock.now() >= playedOutAtMs) break;
        await clock.sleep(playedOutAtMs - clock.now(), signal);
      }
      return signal.aborted ? 'stopped' : 'completed';
    } catch (error: unknown) {
      if (isAbortError(error)) return 'stopped';
      throw error;
    }
  }

  /**
   * A frame sent after the client ran out of audio (a slow TTS, a stalled process) plays late,
   * not on the original schedule: the schedule moves by the gap. Otherwise the frames behind it
   * went out in a burst, and the reply counted as played out (and over) while the client still
   * had that much of it to play — a barge-in then found no reply to interrupt.
   */
  #catchUpWithClient(nowMs: number): void {
    if (this.#playStartMs === undefined) return;
    const dryMs = nowMs - (this.#playStartMs + this.sentMs);
    if (dryMs > 0) this.#playStartMs += dryMs;
  }

  #dueMs(): number {
    if (this.#playStartMs === undefined) return this.#options.clock.now();
    return this.#playStartMs + this.sentMs - this.#options.leadMs;
  }

  #take(count: number): Int16Array {
    const frame = new Int16Array(count);
    let filled = 0;
    while (filled < count) {
      const piece = this.#pieces[0];
      if (piece === undefined) break;
      const n = Math.min(piece.length, count - filled);
      frame.set(piece.subarray(0, n), filled);
      filled += n;
      if (n === piece.length) this.#pieces.shift();
      else this.#pieces[0] = piece.subarray(n);
    }
    this.#bufferedSamples -= filled;
    this.#releaseWriters();
    return frame;
  }

  #waitForChange(): Promise<void> {
    return new Promise((resolve) => (this.#wake = resolve));
  }

  #wakeUp(): void {
    const wake = this.#wake;
    this.#wake = undefined;
    wake?.();
  }

  #releaseWriters(): void {
    const waiters = this.#spaceWaiters;
    this.#spaceWaiters = [];
    for (const resolve of waiters) resolve();
  }
}
