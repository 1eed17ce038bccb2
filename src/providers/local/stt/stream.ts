import { INPUT_SAMPLE_RATE } from '../../../spec/audio.ts';
import { ParleyError, ProviderError } from '../../../spec/errors.ts';
import type { SttPart, SttStreamOptions } from '../../../spec/stt.ts';
import { Denoiser, type DenoiseOptions } from './denoise.ts';
import { formatError, transcribe } from './feed.ts';
import { Recognizer, type RecognizerOptions } from './recognizer.ts';
import { Utterances, type UtteranceOptions } from './utterances.ts';

export type StreamConfig = Omit<RecognizerOptions, 'vocabulary'> &
  UtteranceOptions & {
    /** speexdsp noise suppression in front of the decoders; undefined: none. */
    readonly denoise?: DenoiseOptions;
  };

/** Streams run without noise suppression when speexdsp cannot load; said once a process. */
let toldDenoiseUnavailable = false;

/** One STT stream: one set of decoders, freed when the stream ends, fails or is aborted. */
export async function* pocketsphinxStream(
  options: SttStreamOptions,
  config: StreamConfig,
): AsyncGenerator<SttPart> {
  const { signal } = options;
  if (signal.aborted) return;
  if (options.sampleRate !== INPUT_SAMPLE_RATE) {
    yield formatError(options.sampleRate);
    return;
  }
  let opened: Awaited<ReturnType<typeof Recognizer.open>>;
  try {
    opened = await Recognizer.open({ ...config, vocabulary: options.vocabulary });
  } catch (error) {
    if (!signal.aborted) yield { type: 'error', error: asParleyError(error) };
    return;
  }
  const { recognizer, warnings } = opened;
  let denoiser: Denoiser | undefined;
  try {
    for (const warning of warnings) {
      if (signal.aborted) return;
      yield { type: 'error', error: warning };
    }
    if (config.denoise) {
      const denoise = Denoiser.open(INPUT_SAMPLE_RATE, config.denoise);
      if ('denoiser' in denoise) denoiser = denoise.denoiser;
      else if (!toldDenoiseUnavailable) {
        toldDenoiseUnavailable = true;
        yield { type: 'error', error: denoiseUnavailable(denoise.unavailable) };
      }
    }
    const utterances = new Utterances(recognizer, config);
    yield* transcribe({ audio: options.audio, recognizer, utterances, denoiser, signal });
  } catch (error) {
    if (!signal.aborted) yield { type: 'error', error: asParleyError(error) };
  } finally {
    denoiser?.close();
    // Resolves once the decoders' native memory is freed, after any call still running.
    await recognizer.close();
  }
}

function denoiseUnavailable(cause: Error): ProviderError {
  return new ProviderError(
    `speexdsp noise suppression is off for the offline recogniser: ${cause.message}`,
    { provider: 'local', retryable: false, cause },
  );
}

function asParleyError(error: unknown): ParleyError {
  if (ParleyError.isInstance(error)) return error;
  return new ProviderError('pocketsphinx stream failed', {
    provider: 'local',
    retryable: false,
    cause: error,
  });
}
