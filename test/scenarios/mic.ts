import type { Clip, NoiseBed, SpanMs } from '../../src/testing/speech/index.ts';

export const FRAME_MS = 20;
export const FRAME_SAMPLES = 320;

/** When the client sent the 20 ms frames holding a clip's true onsets and ends. */
export interface ClipSending {
  /** Per span of the clip: send time of the frame holding its first and its last sample. */
  readonly spansSentAtMs: SpanMs[];
  /** Resolves once the clip's last frame is sent. */
  readonly done: Promise<void>;
}

interface Scheduled {
  readonly clip: Clip;
  readonly startTick: number;
  readonly sending: ClipSending & { spansSentAtMs: { startMs: number; endMs: number }[] };
  readonly finish: () => void;
}

/**
 * A microphone in real time: a 20 ms frame every 20 ms (drift-corrected against the
 * start, late ticks caught up like a capture buffer), holding silence or the noise bed,
 * with scheduled clips mixed in. `gate(false)` sends nothing (a push-to-talk client).
 */
export class Mic {
  readonly #send: (frame: Int16Array) => void;
  readonly #noise: NoiseBed | undefined;
  readonly #startMs = performance.now();
  #tick = 0;
  #open = true;
  #timer: NodeJS.Timeout | undefined;
  #stopped = false;
  #clips: Scheduled[] = [];

  constructor(send: (frame: Int16Array) => void, noise?: NoiseBed) {
    this.#send = send;
    this.#noise = noise;
    this.#run();
  }

  gate(open: boolean): void {
    this.#open = open;
  }

  /** Plays `clip` so that the frame holding its onset is sent at `onsetAtMs` (or as soon after as possible). */
  play(clip: Clip, onsetAtMs: number): ClipSending {
    const onsetFrame = Math.floor((clip.onsetMs * 16) / FRAME_SAMPLES);
    const wanted = Math.ceil((onsetAtMs - this.#startMs) / FRAME_MS) - onsetFrame;
    const startTick = Math.max(this.#tick + 1, wanted);
    let finish = (): void => undefined;
    const done = new Promise<void>((resolve) => (finish = resolve));
    const sending = {
      spansSentAtMs: clip.spans.map(() => ({ startMs: Number.NaN, endMs: Number.NaN })),
      done,
    };
    this.#clips.push({ clip, startTick, sending, finish });
    return sending;
  }

  stop(): void {
    this.#stopped = true;
    clearTimeout(this.#timer);
    for (const scheduled of this.#clips) scheduled.finish();
    this.#clips = [];
  }

  #run(): void {
    if (this.#stopped) return;
    const nowMs = performance.now();
    while (!this.#stopped && this.#startMs + this.#tick * FRAME_MS <= nowMs) {
      const frame = this.#frame(this.#tick);
      if (this.#open) this.#send(frame);
      this.#tick++;
    }
    const nextMs = this.#startMs + this.#tick * FRAME_MS - performance.now();
    this.#timer = setTimeout(() => this.#run(), Math.max(0, nextMs));
  }

  #frame(tick: number): Int16Array {
    const frame = new Int16Array(FRAME_SAMPLES);
    if (this.#noise !== undefined) {
      const { samples, gain } = this.#noise;
      const offset = (tick * FRAME_SAMPLES) % (samples.length - FRAME_SAMPLES);
      for (let i = 0; i < FRAME_SAMPLES; i++) frame[i] = clamp((samples[offset + i] ?? 0) * gain);
    }
    const sentAtMs = performance.now();
    for (const scheduled of this.#clips) {
      const k = tick - scheduled.startTick;
      const { clip, sending } = scheduled;
      if (k < 0) continue;
      const from = k * FRAME_SAMPLES;
      for (let i = 0; i < FRAME_SAMPLES && from + i < clip.samples.length; i++) {
        frame[i] = clamp((frame[i] ?? 0) + (clip.samples[from + i] ?? 0));
      }
      clip.spans.forEach((span, index) => {
        const sent = sending.spansSentAtMs[index]!;
        if (Math.floor((span.startMs * 16) / FRAME_SAMPLES) === k) sent.startMs = sentAtMs;
        if (Math.floor((span.endMs * 16 - 1) / FRAME_SAMPLES) === k) sent.endMs = sentAtMs;
      });
      if (from + FRAME_SAMPLES >= clip.samples.length) scheduled.finish();
    }
    this.#clips = this.#clips.filter(
      (s) => (tick - s.startTick + 1) * FRAME_SAMPLES < s.clip.samples.length,
    );
    return frame;
  }
}

function clamp(sample: number): number {
  return Math.max(-32768, Math.min(32767, Math.round(sample)));
}
