import { encodeWav } from '../../audio/wav.ts';
import type { Clock } from '../../spec/clock.ts';
import { AudioFormatError } from '../../spec/errors.ts';
import type { SttModel, SttPart, SttStreamOptions } from '../../spec/stt.ts';
import { untilAborted } from '../../stream/abort.ts';
import { toParleyError } from '../resilience/errors.ts';
import { openHttpStream } from '../resilience/http.ts';
import { withRetry, type RetryOptions } from '../resilience/retry.ts';
import { stopOnAbort } from '../resilience/stop-on-abort.ts';
import { vendorLanguage } from '../shared/languages.ts';
import { transcriptionParts } from './transcription-events.ts';

export interface OpenAITranscriptionSttOptions {
  /** Optional for self-hosted compatible servers (Speaches, vLLM). */
  readonly apiKey?: string;
  /** Default `gpt-4o-mini-transcribe` (`whisper-1` also works). */
  readonly model?: string;
  /** Default `https://api.openai.com/v1`. */
  readonly baseUrl?: string;
  /** Stream the transcript as SSE deltas (interims). Default true, except for `whisper-1`, which cannot. */
  readonly stream?: boolean;
  /** An utterance longer than this is transcribed without waiting for `finalize`. Default 60 000. */
  readonly maxUtteranceMs?: number;
  readonly timeoutMs?: number;
  readonly retry?: Omit<RetryOptions, 'signal' | 'clock'>;
  readonly clock?: Clock;
}

/**
 * OpenAI's transcription endpoint. Audio is buffered until a `finalize` input (or
 * the end of the audio) and then sent as one WAV file; gpt-4o models stream the
 * transcript back as SSE deltas (interims, then the final), whisper-1 answers with
 * one JSON final. No word timings; the final comes one request after the utterance. A failed request is reported as an
 * `error` part and the stream goes on with the next utterance.
 */
export function createOpenAITranscriptionStt(options: OpenAITranscriptionSttOptions): SttModel {
  const model = options.model ?? 'gpt-4o-mini-transcribe';
  return {
    provider: 'openai',
    model,
    capabilities: {
      finalizeOnSpeechEnd: true,
      streaming: false,
      interimResults: streamed(options, model),
      wordTimings: false,
      languages: ['*'],
    },
    stream: (streamOptions) =>
      stopOnAbort(transcribeUtterances(options, model, streamOptions), streamOptions.signal),
  };
}

function streamed(options: OpenAITranscriptionSttOptions, model: string): boolean {
  return options.stream ?? model !== 'whisper-1';
}

async function* transcribeUtterances(
  options: OpenAITranscriptionSttOptions,
  model: string,
  streamOptions: SttStreamOptions,
): AsyncGenerator<SttPart> {
  const { signal, sampleRate } = streamOptions;
  const maxSamples = ((options.maxUtteranceMs ?? 60_000) * sampleRate) / 1_000;
  let chunks: Int16Array[] = [];
  let samples = 0;
  const take = (): Int16Array => {
    const all = new Int16Array(samples);
    let offset = 0;
    for (const chunk of chunks) {
      all.set(chunk, offset);
      offset += chunk.length;
    }
    chunks = [];
    samples = 0;
    return all;
  };
  try {
    for await (const input of untilAborted(streamOptions.audio, signal)) {
      if (input.type === 'audio') {
        if (input.chunk.sampleRate !== sampleRate) {
          throw new AudioFormatError(
            `openai: chunk at ${input.chunk.sampleRate} Hz in a ${sampleRate} Hz stream`,
          );
        }
        chunks.push(input.chunk.samples.slice());
        samples += input.chunk.samples.length;
        if (samples < maxSamples) continue;
      }
      if (samples > 0) yield* transcribe(options, model, streamOptions, take());
    }
    if (samples > 0 && !signal.aborted) yield* transcribe(options, model, streamOptions, take());
  } catch (error) {
    if (signal.aborted) return;
    yield { type: 'error', error: toParleyError(error, 'openai') };
  }
}

async function* transcribe(
  options: OpenAITranscriptionSttOptions,
  model: string,
  streamOptions: SttStreamOptions,
  samples: Int16Array,
): AsyncGenerator<SttPart> {
  const { signal } = streamOptions;
  // encodeWav allocates a fresh ArrayBuffer, which is what Blob wants.
  const wavBytes = encodeWav(samples, streamOptions.sampleRate) as Uint8Array<ArrayBuffer>;
  const form = (): FormData => {
    const data = new FormData();
    data.append('file', new Blob([wavBytes], { type: 'audio/wav' }), 'audio.wav');
    data.append('model', model);
    data.append('response_format', 'json');
    if (streamed(options, model)) data.append('stream', 'true');
    const language =
      streamOptions.language === undefined
        ? undefined
        : vendorLanguage('openai', streamOptions.language);
    if (language) data.append('language', language);
    const vocabulary = streamOptions.vocabulary;
    const terms = [...(vocabulary?.keywords ?? []), ...(vocabulary?.phrases ?? [])];
    if (terms.length > 0) data.append('prompt', terms.join(', '));
    return data;
  };
  try {
    const http = await withRetry(
      () =>
        openHttpStream({
          provider: 'openai',
          url: `${(options.baseUrl ?? 'https://api.openai.com/v1').replace(/\/+$/, '')}/audio/transcriptions`,
          headers: options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {},
          body: form(),
          signal,
          timeoutMs: options.timeoutMs ?? 30_000,
          clock: options.clock,
        }),
      { ...options.retry, signal, clock: options.clock },
    );
    yield* transcriptionParts(http.chunks, streamed(options, model));
  } catch (error) {
    if (signal.aborted) return;
    // One failed utterance does not end the stream: the next may succeed.
    yield { type: 'error', error: toParleyError(error, 'openai') };
  }
}
