import type { AudioChunk } from '../spec/audio.ts';
import type { EchoCanceller, EchoFrameResult } from '../spec/echo.ts';

/**
 * An echo canceller that removes nothing but says what share of each microphone chunk is
 * echo, from a script over input audio time; it records every call so tests can check the
 * session feeds it in the right order (far end out, near end in, playback, resets).
 */
export function createFakeEchoCanceller(options: {
  /** Echo share of the chunk that starts at `startMs` of input audio. */
  readonly echoShareAt: (startMs: number) => number;
}) {
  const calls: string[] = [];
  const farEnd: AudioChunk[] = [];
  let nearEndMs = 0;
  let closed = false;
  const canceller: EchoCanceller = {
    pushFarEnd(chunk) {
      farEnd.push(chunk);
      if (calls.at(-1) !== 'far-end') calls.push('far-end');
    },
    notePlayback(playedMs) {
      calls.push(`playback ${playedMs}`);
    },
    processNearEnd(chunk): EchoFrameResult {
      const startMs = nearEndMs;
      nearEndMs += (chunk.samples.length * 1000) / chunk.sampleRate;
      // "Cleaned": halved, so tests can tell the STT got the canceller's output.
      const cleaned = { ...chunk, samples: chunk.samples.map((s) => s >> 1) };
      return { cleaned, echoShare: options.echoShareAt(startMs) };
    },
    resetFarEnd() {
      calls.push('reset');
    },
    close() {
      closed = true;
    },
  };
  return {
    canceller,
    calls,
    farEnd,
    get closed() {
      return closed;
    },
  };
}
