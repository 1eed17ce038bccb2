import { createPocketsphinxStt } from '../src/providers/local/stt/index.ts';
import type { SttInput, SttVocabulary } from '../src/spec/stt.ts';
import { SAMPLE_RATE } from './voices.ts';

const CHUNK = (20 * SAMPLE_RATE) / 1000;

/**
 * Transcribes clips one after another through ONE recogniser stream (one
 * decoder set-up per voice, as in a session): each clip is followed by a
 * finalize, and the next clip waits for that final. The energy gate never
 * ends an utterance on its own here, so each clip gets exactly one final.
 */
export async function transcribeClips(
  clips: readonly Int16Array[],
  vocabulary: SttVocabulary,
  english: boolean,
  signal: AbortSignal,
): Promise<string[]> {
  const stt = createPocketsphinxStt({ fallback: english ? 'lm' : 'none', endSilenceMs: 60_000 });
  const heard: string[] = [];
  let finalArrived: (() => void) | undefined;
  async function* audio(): AsyncGenerator<SttInput> {
    for (const clip of clips) {
      for (let at = 0; at < clip.length; at += CHUNK) {
        yield {
          type: 'audio',
          chunk: { samples: clip.subarray(at, at + CHUNK), sampleRate: SAMPLE_RATE },
        };
      }
      const arrived = new Promise<void>((resolve) => (finalArrived = resolve));
      yield { type: 'finalize' };
      await arrived;
    }
  }
  for await (const part of stt.stream({
    audio: audio(),
    sampleRate: SAMPLE_RATE,
    vocabulary,
    signal,
  })) {
    if (part.type === 'error') {
      // Vocabulary warnings (a word with no pronunciation) do not stop the stream.
      console.warn(`eval: recogniser: ${part.error.message}`);
      continue;
    }
    if (part.type !== 'final') continue;
    heard.push(part.text);
    finalArrived?.();
  }
  return heard;
}
