import { ClosedError, ParleyError, ProviderError } from '../../../spec/errors.ts';
import type { TtsPart, TtsStreamOptions } from '../../../spec/tts.ts';
import { Channel } from '../../../stream/channel.ts';
import { untilAborted } from '../../../stream/abort.ts';
import type { EngineCommand } from './engine-output.ts';
import { synthesizeSegment } from './segment.ts';
import type { WarmEngine } from './warm-engine.ts';
import type { AlignedWord } from './word-align.ts';

export type { EngineCommand } from './engine-output.ts';

export interface TtsRunConfig {
  readonly provider: string;
  /**
   * Word timings from the engine for one segment (given the engine's stdout
   * text when it writes audio to a file); undefined falls back to estimating
   * them from the audio (word-align.ts).
   */
  readonly timeWords?: (
    text: string,
    options: TtsStreamOptions,
    engineStdout: string,
    signal: AbortSignal,
  ) => Promise<readonly AlignedWord[] | undefined>;
  readonly commandFor: (text: string, options: TtsStreamOptions) => EngineCommand;
  /** A conversation's engine process started ahead (streaming engines; see warm-engine.ts). */
  readonly warm?: WarmEngine;
}

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
      const segment = await synthesizeSegment(text, options, config, parts, signal, offsetMs);
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
    await parts.push({ type: 'error', error: wrapped }).catch((pushError: unknown) => {
      if (!(pushError instanceof ClosedError)) throw pushError; // closed: the consumer has left
    });
  } finally {
    parts.close();
  }
}
