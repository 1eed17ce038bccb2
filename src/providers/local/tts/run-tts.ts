import { createResampler, type Resampler } from '../../../audio/resample.ts';
import { ClosedError, ParleyError, ProviderError } from '../../../spec/errors.ts';
import type { TtsPart, TtsStreamOptions } from '../../../spec/tts.ts';
import { Channel } from '../../../stream/channel.ts';
import { untilAborted } from '../../../stream/abort.ts';
import { engineOutput, type EngineCommand } from './engine-output.ts';
import { WavStreamDecoder } from './wav-stream.ts';
import { alignWords } from './word-align.ts';

export type { EngineCommand } from './engine-output.ts';

export interface TtsRunConfig {
  readonly provider: string;
  readonly commandFor: (text: string, options: TtsStreamOptions) => EngineCommand;
}

/** Longest audio part emitted. */
const MAX_PART_MS = 100;
/** Parts buffered ahead of the consumer (~10 s of audio at 100 ms a part). */
const PART_CAPACITY = 100;

/**
 * The thin runner shared by the CLI engines: one child process per text chunk,
 * its WAV stdout decoded and resampled as it arrives, audio in ≤ 100 ms parts,
 * then the chunk's estimated word timings and `segment-end`. Synthesis runs
 * ahead of the consumer into a bounded channel, so chunk 2 is synthesised
 * while chunk 1 is still being played. On abort the child is killed and
 * nothing more is yielded.
 */
export async function* runTts(
  options: TtsStreamOptions,
  config: TtsRunConfig,
): AsyncGenerator<TtsPart> {
  const { signal } = options;
  if (signal.aborted) return;
  const inner = new AbortController();
  const onAbort = (): void => inner.abort(signal.reason);
  signal.addEventListener('abort', onAbort, { once: true });
  const parts = new Channel<TtsPart>(PART_CAPACITY);
  const producing = produce(options, config, parts, inner.signal);
  try {
    for await (const part of untilAborted(parts, signal)) yield part;
  } finally {
    signal.removeEventListener('abort', onAbort);
    inner.abort();
    parts.close();
    await producing;
  }
}

async function produce(
  options: TtsStreamOptions,
  config: TtsRunConfig,
  parts: Channel<TtsPart>,
  signal: AbortSignal,
): Promise<void> {
  let offsetMs = 0;
  try {
    for await (const text of untilAborted(options.text, signal)) {
      if (text.trim() === '') continue;
      const segment = await synthesize(text, options, config, parts, signal, offsetMs);
      offsetMs += segment.durationMs;
      if (segment.error) {
        await parts.push({ type: 'error', error: segment.error });
        if (!segment.error.retryable) return;
      }
    }
  } catch (error) {
    if (signal.aborted || error instanceof ClosedError) return;
    const wrapped = ParleyError.isInstance(error)
      ? error
      : new ProviderError('TTS text source failed', {
          provider: config.provider,
          retryable: false,
          cause: error,
        });
    parts.tryPush({ type: 'error', error: wrapped });
  } finally {
    parts.close();
  }
}

interface SegmentResult {
  readonly durationMs: number;
  readonly error: ProviderError | undefined;
}

async function synthesize(
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
  const command = config.commandFor(text, options);
  const decoder = new WavStreamDecoder();
  const engineSamples: Int16Array[] = [];
  let resampler: Resampler | undefined;
  let outSamples = 0;
  try {
    for await (const bytes of engineOutput(config.provider, command, segment.signal)) {
      const samples = decoder.push(bytes);
      if (samples.length === 0 || decoder.sampleRate === undefined) continue;
      engineSamples.push(samples);
      resampler ??= createResampler(decoder.sampleRate, options.sampleRate);
      outSamples += await pushAudio(parts, resampler.push(samples), options.sampleRate);
    }
    if (resampler) outSamples += await pushAudio(parts, resampler.flush(), options.sampleRate);
    if (decoder.sampleRate !== undefined) {
      const audio = concat(engineSamples);
      for (const word of alignWords(text, audio, decoder.sampleRate)) {
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

function concat(chunks: readonly Int16Array[]): Int16Array {
  const out = new Int16Array(chunks.reduce((sum, chunk) => sum + chunk.length, 0));
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}
