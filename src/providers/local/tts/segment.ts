import { createResampler, type Resampler } from '../../../audio/resample.ts';
import { ClosedError, ProviderError } from '../../../spec/errors.ts';
import type { TtsPart, TtsStreamOptions } from '../../../spec/tts.ts';
import type { Channel } from '../../../stream/channel.ts';
import { engineOutput } from './engine-output.ts';
import type { TtsRunConfig } from './run-tts.ts';
import { WavStreamDecoder } from './wav-stream.ts';
import { alignWords } from './word-align.ts';
import { concatInt16 } from '../../../audio/pcm.ts';

/** Longest audio part emitted. */
const MAX_PART_MS = 100;

export interface SegmentResult {
  readonly durationMs: number;
  readonly error: ProviderError | undefined;
}

/**
 * Synthesises one text chunk: audio parts as the engine produces them, then
 * the chunk's word timings and `segment-end`. An engine failure is returned,
 * not thrown; abort and a closed channel are thrown.
 */
export async function synthesizeSegment(
  text: string,
  options: TtsStreamOptions,
  config: TtsRunConfig,
  parts: Channel<TtsPart>,
  signal: AbortSignal,
  offsetMs: number,
): Promise<SegmentResult> {
  const segment = new AbortController();
  const onAbort = (): void => segment.abort();
  signal.addEventListener('abort', onAbort, { once: true });
  let engineStdout = '';
  const command = {
    ...config.commandFor(text, options),
    onStdout: (output: string) => (engineStdout = output),
  };
  const decoder = new WavStreamDecoder();
  const engineSamples: Int16Array[] = [];
  let resampler: Resampler | undefined;
  let outSamples = 0;
  try {
    for await (const bytes of engineOutput(config.provider, command, segment.signal, config.warm)) {
      const samples = decoder.push(bytes);
      if (samples.length === 0 || decoder.sampleRate === undefined) continue;
      engineSamples.push(samples);
      resampler ??= createResampler(decoder.sampleRate, options.sampleRate);
      outSamples += await pushAudio(parts, resampler.push(samples), options.sampleRate);
    }
    if (resampler) outSamples += await pushAudio(parts, resampler.flush(), options.sampleRate);
    if (decoder.sampleRate !== undefined) {
      const engineRate = decoder.sampleRate;
      const timed = await config.timeWords?.(text, options, engineStdout, segment.signal);
      for (const word of timed ?? alignWords(text, concatInt16(engineSamples), engineRate)) {
        await parts.push({
          type: 'word',
          word: word.word,
          startMs: Math.round(offsetMs + word.startMs),
          endMs: Math.round(offsetMs + word.endMs),
        });
      }
    }
    await parts.push({ type: 'segment-end', text });
    return { durationMs: (outSamples * 1000) / options.sampleRate, error: undefined };
  } catch (error) {
    if (signal.aborted || error instanceof ClosedError) throw error;
    const failure =
      error instanceof ProviderError
        ? error
        : new ProviderError(`${command.command} output was unusable`, {
            provider: config.provider,
            retryable: true,
            cause: error,
          });
    return { durationMs: (outSamples * 1000) / options.sampleRate, error: failure };
  } finally {
    signal.removeEventListener('abort', onAbort);
    segment.abort();
  }
}

/** Pushes `samples` as audio parts of at most MAX_PART_MS; returns the sample count. */
async function pushAudio(
  parts: Channel<TtsPart>,
  samples: Int16Array,
  sampleRate: number,
): Promise<number> {
  const maxSamples = Math.max(1, Math.floor((sampleRate * MAX_PART_MS) / 1000));
  for (let at = 0; at < samples.length; at += maxSamples) {
    await parts.push({
      type: 'audio',
      chunk: { samples: samples.slice(at, at + maxSamples), sampleRate },
    });
  }
  return samples.length;
}
