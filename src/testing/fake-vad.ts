import type { Clock } from '../spec/clock.ts';
import type { Vad, VadPart, VadStreamOptions } from '../spec/vad.ts';
import { drainInBackground } from './drain.ts';
import { emitAtTimes } from './timeline.ts';
import type { FakeLatencies, UserSpeechScript } from './user-speech.ts';

/** A VAD that reports the scripted user's speech at scripted times, ignoring the audio. */
export function createFakeVad(options: {
  readonly clock: Clock;
  readonly script: UserSpeechScript;
  readonly latencies?: FakeLatencies;
}): Vad {
  const startDelayMs = options.latencies?.vadStartDelayMs ?? 0;
  const endDelayMs = options.latencies?.vadEndDelayMs ?? 0;
  return {
    provider: 'fake',
    model: 'scripted-vad',
    capabilities: { frameMs: 32, sampleRates: [16_000] },
    stream(streamOptions: VadStreamOptions): AsyncIterable<VadPart> {
      drainInBackground(streamOptions.audio, streamOptions.signal);
      const items = options.script.flatMap((u): { atMs: number; value: VadPart }[] => [
        {
          atMs: u.startMs + startDelayMs,
          value: { type: 'speech-start', atMs: u.startMs, probability: 0.9 },
        },
        {
          atMs: u.endMs + endDelayMs,
          value: {
            type: 'speech-end',
            atMs: u.endMs,
            probability: 0.1,
            speechMs: u.endMs - u.startMs,
          },
        },
      ]);
      return emitAtTimes(items, options.clock, streamOptions.signal);
    },
  };
}
