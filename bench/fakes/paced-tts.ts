import type { TtsModel, TtsPart, TtsStreamOptions } from '../../src/spec/tts.ts';
import { sleepMs } from './sleep.ts';

/**
 * Makes a TTS take synthesis time: each audio part is held back for
 * `realTimeFactor` × its duration before it is yielded (0.2 → 1 s of audio
 * takes 200 ms to make), as a real engine does.
 */
export function pacedTts(inner: TtsModel, realTimeFactor: number): TtsModel {
  async function* stream(options: TtsStreamOptions): AsyncGenerator<TtsPart> {
    for await (const part of inner.stream(options)) {
      if (part.type === 'audio') {
        const durationMs = (part.chunk.samples.length * 1000) / part.chunk.sampleRate;
        await sleepMs(durationMs * realTimeFactor, options.signal);
      }
      if (options.signal.aborted) return;
      yield part;
    }
  }
  return { ...inner, stream };
}
