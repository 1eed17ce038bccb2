import { int16ToBytes } from '../../audio/pcm.ts';
import { connectWithRetry } from '../resilience/connect-with-retry.ts';
import type { Clock } from '../../spec/clock.ts';
import { AudioFormatError } from '../../spec/errors.ts';
import type { SttModel, SttPart, SttStreamOptions } from '../../spec/stt.ts';
import { untilAborted } from '../../stream/abort.ts';
import type { RetryOptions } from '../resilience/retry.ts';
import { stopOnAbort } from '../resilience/stop-on-abort.ts';
import { vendorLanguage } from '../shared/languages.ts';
import { runVendorSocket } from '../shared/vendor-socket.ts';
import { AudioChunker } from './audio-chunks.ts';
import { parseAssemblyAiMessage } from './turns.ts';

export interface AssemblyAiSttOptions {
  readonly apiKey: string;
  /** Default `universal-streaming-english`, or `-multilingual` for a non-English language. */
  readonly speechModel?: string;
  /** Default `wss://streaming.assemblyai.com` (`streaming.eu.assemblyai.com` in the EU). */
  readonly baseUrl?: string;
  /** Silence after which a confident turn ends. Default 160 (the API's default). */
  readonly minEndOfTurnSilenceWhenConfidentMs?: number;
  /** Silence that ends a turn whatever the confidence. Default 1280. */
  readonly maxTurnSilenceMs?: number;
  /** Handshake timeout. Default 10 000. */
  readonly timeoutMs?: number;
  readonly retry?: Omit<RetryOptions, 'signal' | 'clock'>;
  readonly clock?: Clock;
}

/** Rates the fake and the docs agree on; the API takes any rate the audio has. */
const RATES = [8_000, 16_000, 22_050, 24_000, 44_100, 48_000];

/**
 * AssemblyAI Universal-Streaming v3 (`/v3/ws`): raw PCM16 in 50–1000 ms chunks,
 * `Turn` partials as interims, `end_of_turn` as a final carrying the vendor's
 * end-of-turn confidence; `finalize` sends ForceEndpoint; the end of audio sends
 * Terminate and waits for Termination.
 */
export function createAssemblyAiStt(options: AssemblyAiSttOptions): SttModel {
  const model = options.speechModel ?? 'universal-streaming-english';
  return {
    provider: 'assemblyai',
    model,
    capabilities: {
      streaming: true,
      interimResults: true,
      wordTimings: true,
      endOfTurn: true,
      languages: model.endsWith('multilingual') ? ['en', 'es', 'fr', 'de', 'it', 'pt'] : ['en'],
    },
    stream: (streamOptions) =>
      stopOnAbort(streamAssemblyAi(options, streamOptions), streamOptions.signal),
  };
}

function listenUrl(options: AssemblyAiSttOptions, streamOptions: SttStreamOptions): string {
  const language = vendorLanguage('assemblyai', streamOptions.language ?? 'en');
  const query = new URLSearchParams({
    speech_model:
      options.speechModel ??
      (language === 'en' ? 'universal-streaming-english' : 'universal-streaming-multilingual'),
    sample_rate: String(streamOptions.sampleRate),
    encoding: 'pcm_s16le',
    format_turns: 'false',
    min_end_of_turn_silence_when_confident: String(
      options.minEndOfTurnSilenceWhenConfidentMs ?? 160,
    ),
    max_turn_silence: String(options.maxTurnSilenceMs ?? 1_280),
  });
  const terms = [
    ...(streamOptions.vocabulary?.keywords ?? []),
    ...(streamOptions.vocabulary?.phrases ?? []),
  ];
  if (terms.length > 0) query.set('keyterms_prompt', JSON.stringify(terms.slice(0, 100)));
  return `${(options.baseUrl ?? 'wss://streaming.assemblyai.com').replace(/\/+$/, '')}/v3/ws?${query}`;
}

function streamAssemblyAi(
  options: AssemblyAiSttOptions,
  streamOptions: SttStreamOptions,
): AsyncIterable<SttPart> {
  const { sampleRate } = streamOptions;
  return runVendorSocket<SttPart>({
    provider: 'assemblyai',
    signal: streamOptions.signal,
    connect: (signal) => {
      if (!RATES.includes(sampleRate))
        throw new AudioFormatError(`assemblyai: unsupported sample rate ${sampleRate}`);
      const url = listenUrl(options, streamOptions);
      return connectWithRetry(options, {
        provider: 'assemblyai',
        url,
        headers: { authorization: options.apiKey },
        signal,
      });
    },
    pump: async (open, signal) => {
      const chunker = new AudioChunker(sampleRate);
      for await (const input of untilAborted(streamOptions.audio, signal)) {
        if (input.type === 'finalize') {
          const rest = chunker.flush();
          if (rest) open.send(rest);
          open.send(JSON.stringify({ type: 'ForceEndpoint' }));
          continue;
        }
        if (input.chunk.sampleRate !== sampleRate) {
          throw new AudioFormatError(
            `assemblyai: chunk at ${input.chunk.sampleRate} Hz in a ${sampleRate} Hz stream`,
          );
        }
        for (const chunk of chunker.push(int16ToBytes(input.chunk.samples))) open.send(chunk);
      }
      if (signal.aborted) return;
      const rest = chunker.flush();
      if (rest) open.send(rest);
      open.send(JSON.stringify({ type: 'Terminate' }));
    },
    // 1008 unauthorised, 3005 session expired, 3006/3007 bad input: retrying cannot help.
    fatalCloseCodes: [1008, 3005, 3006, 3007],
    *onFrame(frame) {
      if (frame.type !== 'text') return false;
      const message = parseAssemblyAiMessage(frame.data);
      if (message.kind === 'terminated') return true;
      if (message.kind === 'part') {
        if (message.part.type === 'error') throw message.part.error;
        yield message.part;
      }
      return false;
    },
  });
}
