import { setImmediate as nextTurn } from 'node:timers/promises';
import { INPUT_SAMPLE_RATE } from '../../../spec/audio.ts';
import { AudioFormatError, ParleyError, ProviderError } from '../../../spec/errors.ts';
import type { SttPart, SttStreamOptions } from '../../../spec/stt.ts';
import { untilAborted } from '../../../stream/abort.ts';
import { Framer } from './framer.ts';
import { Recognizer, type RecognizerOptions } from './recognizer.ts';
import { GATE_FRAME_MS } from './speech-gate.ts';
import { Utterances, type UtteranceOptions } from './utterances.ts';

/** Frames decoded between two yields to the event loop (50 ms of audio, ~5–15 ms of CPU). */
const FRAMES_PER_SLICE = 5;

export type StreamConfig = Omit<RecognizerOptions, 'vocabulary'> & UtteranceOptions;

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
  try {
    for (const warning of warnings) {
      if (signal.aborted) return;
      yield { type: 'error', error: warning };
    }
    const framer = new Framer((INPUT_SAMPLE_RATE * GATE_FRAME_MS) / 1000);
    const utterances = new Utterances(recognizer, config);
    for await (const input of untilAborted(options.audio, signal)) {
      if (input.type === 'finalize') {
        yield* utterances.finalize(framer.flush());
        continue;
      }
      if (input.chunk.sampleRate !== INPUT_SAMPLE_RATE) {
        yield formatError(input.chunk.sampleRate);
        continue;
      }
      let framesInSlice = 0;
      for (const frame of framer.push(input.chunk.samples)) {
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
      yield* utterances.finalize(framer.flush());
    }
  } catch (error) {
    if (!signal.aborted) yield { type: 'error', error: asParleyError(error) };
  } finally {
    recognizer.close();
  }
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
