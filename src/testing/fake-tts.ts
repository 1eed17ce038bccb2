import type { Clock } from '../spec/clock.ts';
import type { TtsModel, TtsPart, TtsStreamOptions } from '../spec/tts.ts';
import { isAbortError } from '../stream/abort.ts';

export interface FakeTtsOptions {
  readonly clock: Clock;
  /** Synthesis time: from a text chunk's arrival to its first audio. */
  readonly firstAudioDelayMs?: number;
  /** Audio length of each word. */
  readonly msPerWord?: number;
  /** Emit `word` parts (true) or not, to test the speaking-rate estimate. */
  readonly wordTimings?: boolean;
  /** Sample value of the (constant) audio, so tests can tell it apart from silence. */
  readonly amplitude?: number;
}

/**
 * A TTS that turns each word into `msPerWord` of constant audio, with exact
 * word timings. Records the text chunks it was given and when.
 */
export function createFakeTts(
  options: FakeTtsOptions,
): TtsModel & { readonly texts: { text: string; atMs: number }[] } {
  const texts: { text: string; atMs: number }[] = [];
  const msPerWord = options.msPerWord ?? 300;
  const withWords = options.wordTimings ?? true;

  async function* stream(streamOptions: TtsStreamOptions): AsyncGenerator<TtsPart> {
    const { signal, sampleRate } = streamOptions;
    let offsetMs = 0;
    try {
      for await (const text of streamOptions.text) {
        if (signal.aborted) return;
        texts.push({ text, atMs: options.clock.now() });
        const words = text.split(/\s+/).filter((w) => w !== '');
        if (words.length === 0) continue;
        const delayMs = options.firstAudioDelayMs ?? 0;
        if (delayMs > 0) await options.clock.sleep(delayMs, signal);
        for (const word of words) {
          if (signal.aborted) return;
          if (withWords) {
            yield { type: 'word', word, startMs: offsetMs, endMs: offsetMs + msPerWord };
          }
          const samples = new Int16Array(Math.round((msPerWord * sampleRate) / 1000));
          samples.fill(options.amplitude ?? 1000);
          yield { type: 'audio', chunk: { samples, sampleRate } };
          offsetMs += msPerWord;
        }
        yield { type: 'segment-end', text };
      }
    } catch (error: unknown) {
      if (isAbortError(error)) return;
      throw error;
    }
  }

  return {
    provider: 'fake',
    model: 'scripted-tts',
    capabilities: {
      streaming: true,
      wordTimings: withWords,
      sampleRates: [8000, 16_000, 22_050, 24_000, 48_000],
      languages: ['*'],
    },
    texts,
    stream,
  };
}
