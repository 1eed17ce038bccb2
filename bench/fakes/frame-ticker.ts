import type { AudioChunk } from '../../src/spec/audio.ts';

export const FRAME_MS = 20;
export const FRAME_SAMPLES = 320;

/**
 * Calls `onFrame(index, dueAtMs)` every 20 ms of real time, correcting drift against
 * the start time (so a late tick is followed by catch-up ticks, like a microphone's
 * buffered frames). Records how late each tick ran. `stop()` leaves no timer.
 */
export function startFrameTicker(onFrame: (index: number, dueAtMs: number) => void): {
  readonly lateMs: number[];
  stop(): void;
} {
  const startMs = performance.now();
  const lateMs: number[] = [];
  let index = 0;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const tick = () => {
    if (stopped) return;
    const nowMs = performance.now();
    while (!stopped && startMs + index * FRAME_MS <= nowMs) {
      const dueAtMs = startMs + index * FRAME_MS;
      lateMs.push(nowMs - dueAtMs);
      onFrame(index, dueAtMs);
      index++;
    }
    timer = setTimeout(tick, Math.max(0, startMs + index * FRAME_MS - performance.now()));
  };
  tick();
  return {
    lateMs,
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}

/** One 20 ms frame cut from `samples` (looping), at 16 kHz. */
export function frameAt(samples: Int16Array, index: number): AudioChunk {
  const count = Math.floor(samples.length / FRAME_SAMPLES);
  const start = (index % Math.max(1, count)) * FRAME_SAMPLES;
  return { samples: samples.subarray(start, start + FRAME_SAMPLES), sampleRate: 16_000 };
}

export const SILENT_FRAME: AudioChunk = {
  samples: new Int16Array(FRAME_SAMPLES),
  sampleRate: 16_000,
};
