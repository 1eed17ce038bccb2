import type { AudioChunk } from '../../src/spec/audio.ts';
import type { Vad, VadStreamOptions } from '../../src/spec/vad.ts';

/**
 * Wraps a VAD to record, for every chunk, how long after it was pushed the VAD
 * finished with it (the moment it asks for the next chunk). `pushedAtMs` must
 * hold the push time of each chunk object.
 */
export function timedVad(
  inner: Vad,
  pushedAtMs: WeakMap<AudioChunk, number>,
  onProcessed: (lagMs: number) => void,
): Vad {
  async function* observe(audio: AsyncIterable<AudioChunk>): AsyncGenerator<AudioChunk> {
    for await (const chunk of audio) {
      yield chunk;
      const pushedMs = pushedAtMs.get(chunk);
      if (pushedMs !== undefined) onProcessed(performance.now() - pushedMs);
    }
  }
  return {
    ...inner,
    stream: (options: VadStreamOptions) =>
      inner.stream({ ...options, audio: observe(options.audio) }),
  };
}
