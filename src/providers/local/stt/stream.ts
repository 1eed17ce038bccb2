import { setImmediate as nextTurn } from 'node:timers/promises';
import { INPUT_SAMPLE_RATE } from '../../../spec/audio.ts';
import { AudioFormatError, ParleyError, ProviderError } from '../../../spec/errors.ts';
import type { SttPart, SttStreamOptions } from '../../../spec/stt.ts';
import { untilAborted } from '../../../stream/abort.ts';
import { Denoiser, type DenoiseOptions } from './denoise.ts';
import { Framer } from './framer.ts';
import { Recognizer, type RecognizerOptions } from './recognizer.ts';
import { GATE_FRAME_MS } from './speech-gate.ts';
import { Utterances, type UtteranceOptions } from './utterances.ts';

/** Frames decoded between two yields to the event loop (50 ms of audio, ~5–15 ms of CPU). */
const FRAMES_PER_SLICE = 5;

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
    const framer = new Framer((INPUT_SAMPLE_RATE * GATE_FRAME_MS) / 1000);
    const utterances = new Utterances(recognizer, config);
    /** The denoiser's held partial frame, then the framer's rest, end the utterance. */
    const finalize = (): SttPart[] => {
      const parts: SttPart[] = [];
      if (denoiser)
        for (const frame of framer.push(denoiser.flush())) parts.push(...utterances.frame(frame));
      return [...parts, ...utterances.finalize(framer.flush())];
    };
    for await (const input of untilAborted(options.audio, signal)) {
      if (input.type === 'finalize') {
        yield* finalize();
        continue;
      }
      if (input.chunk.sampleRate !== INPUT_SAMPLE_RATE) {
        yield formatError(input.chunk.sampleRate);
        continue;
      }
      const samples = denoiser ? denoiser.push(input.chunk.samples) : input.chunk.samples;
      let framesInSlice = 0;
      for (const frame of framer.push(samples)) {
        for (const part of utterances.frame(frame)) {
          if (signal.aborted) return;
          yield part;
        }
        if (++framesInSlice < FRAMES_PER_SLICE) continue;
        framesInSlice = 0;
        await nextTurn();
        if (signal.aborted) return;
      }
    }
    if (signal.aborted) return;
    if (recognizer.inUtterance) {
      yield* finalize();
    }
  } catch (error) {
    if (!signal.aborted) yield { type: 'error', error: asParleyError(error) };
  } finally {
    denoiser?.close();
    recognizer.close();
  }
}

function denoiseUnavailable(cause: Error): ProviderError {
  return new ProviderError(
    `speexdsp noise suppression is off for the offline recogniser: ${cause.message}`,
    { provider: 'local', retryable: false, cause },
  );
}

function formatError(sampleRate: number): SttPart {
  return {
    type: 'error',
    error: new AudioFormatError(
      `pocketsphinx needs ${INPUT_SAMPLE_RATE} Hz PCM16, got ${sampleRate} Hz; resample first`,
    ),
  };
}

function asParleyError(error: unknown): ParleyError {
  if (ParleyError.isInstance(error)) return error;
  return new ProviderError('pocketsphinx stream failed', {
    provider: 'local',
    retryable: false,
    cause: error,
  });
}
