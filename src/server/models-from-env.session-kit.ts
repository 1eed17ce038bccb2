import type { AudioChunk } from '../spec/audio.ts';
import type { Clock } from '../spec/clock.ts';
import { AbortedError } from '../spec/errors.ts';
import type { Vad, VadPart } from '../spec/vad.ts';

/**
 * Kit for driving real sessions over the vendor fakes: a clock that runs `factor` times
 * faster than the system clock (so paced playback and end-of-turn silences take a fraction
 * of their time while the fakes answer over real sockets), a VAD that hears the coded audio
 * the STT fakes decode, and a microphone that streams it.
 */
export function fastClock(factor: number): Clock {
  const now = () => performance.now() * factor;
  const setTimer = (delayMs: number, callback: () => void) => {
    const timer = setTimeout(callback, Math.max(0, delayMs) / factor);
    return () => clearTimeout(timer);
  };
  return {
    now,
    setTimer,
    sleep: (delayMs, signal) =>
      new Promise<void>((resolve, reject) => {
        if (signal?.aborted) return reject(new AbortedError('sleep aborted'));
        const onAbort = () => {
          cancel();
          reject(new AbortedError('sleep aborted'));
        };
        const cancel = setTimer(delayMs, () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        });
        signal?.addEventListener('abort', onAbort, { once: true });
      }),
  };
}

/**
 * The fake VAD, scripted by the audio itself: coded audio (one word id per 100 ms frame,
 * `codedAudio` in the Deepgram fake) is speech where the samples are non-zero. It reports
 * the edges at their audio time, as a real VAD would, whatever the chunking.
 */
export function createCodedVad(sampleRate = 16_000): Vad {
  return {
    provider: 'fake',
    model: 'coded-audio-vad',
    capabilities: { frameMs: 20, sampleRates: [sampleRate] },
    async *stream({ audio, signal }): AsyncGenerator<VadPart> {
      let samplesSeen = 0;
      let speechStartMs: number | undefined;
      for await (const chunk of audio) {
        if (signal.aborted) return;
        for (let i = 0; i < chunk.samples.length; i++) {
          const speech = chunk.samples[i] !== 0;
          if (speech === (speechStartMs !== undefined)) continue;
          const atMs = ((samplesSeen + i) * 1_000) / sampleRate;
          if (speechStartMs === undefined) {
            speechStartMs = atMs;
            yield { type: 'speech-start', atMs, probability: 0.9 };
          } else {
            yield { type: 'speech-end', atMs, probability: 0.1, speechMs: atMs - speechStartMs };
            speechStartMs = undefined;
          }
        }
        samplesSeen += chunk.samples.length;
      }
    },
  };
}

/**
 * A microphone streaming 100 ms frames in (clock) real time: silence, or the word ids
 * queued with `say`. `say` resolves once the words and one silent frame have been sent.
 */
export function codedMicrophone(options: {
  readonly clock: Clock;
  readonly push: (chunk: AudioChunk) => void;
  readonly signal: AbortSignal;
  readonly sampleRate?: number;
}) {
  const sampleRate = options.sampleRate ?? 16_000;
  const queue: { value: number; sent?: () => void }[] = [];
  const frame = (value: number): AudioChunk => ({
    samples: new Int16Array(sampleRate / 10).fill(value),
    sampleRate,
  });
  const run = async () => {
    while (!options.signal.aborted) {
      const next = queue.shift();
      options.push(frame(next?.value ?? 0));
      next?.sent?.();
      await options.clock.sleep(100, options.signal).catch((error: unknown) => {
        if (!(error instanceof AbortedError)) throw error;
      });
    }
  };
  const running = run();
  return {
    say(words: readonly number[]): Promise<void> {
      return new Promise((sent) => {
        for (const value of words) queue.push({ value });
        queue.push({ value: 0, sent });
      });
    },
    stopped: running,
  };
}
