import type { Clock } from '../../spec/clock.ts';
import { connectWithRetry } from '../resilience/connect-with-retry.ts';
import { ConfigError } from '../../spec/errors.ts';
import type { TtsModel, TtsPart, TtsStreamOptions } from '../../spec/tts.ts';
import { untilAborted } from '../../stream/abort.ts';
import { PcmByteDecoder } from '../resilience/pcm-chunks.ts';
import type { RetryOptions } from '../resilience/retry.ts';
import { stopOnAbort } from '../resilience/stop-on-abort.ts';
import { runVendorSocket } from '../shared/vendor-socket.ts';
import { DEFAULT_SPEAKER, PACE_RANGE, toSarvamLanguage } from './languages.ts';
import { parseSarvamMessage } from './messages.ts';

export interface SarvamTtsOptions {
  readonly apiKey: string;
  /** `bulbul:v2` (default) or `bulbul:v3`. */
  readonly model?: string;
  /** Default speaker when a stream names none: the model's default (`anushka` / `shubh`). */
  readonly speaker?: string;
  /** Default `hi-IN`; a stream's `language` overrides it. */
  readonly language?: string;
  /** Default `wss://api.sarvam.ai`. */
  readonly baseUrl?: string;
  /** Handshake timeout. Default 10 000. */
  readonly timeoutMs?: number;
  readonly retry?: Omit<RetryOptions, 'signal' | 'clock'>;
  readonly clock?: Clock;
}

/** Rates the socket produces (`speech_sample_rate`); others are resampled from 24 kHz. */
const RATES = [8_000, 16_000, 22_050, 24_000];

/**
 * Sarvam Bulbul over its streaming WebSocket (`/text-to-speech/ws`): one `config` message,
 * then each text chunk as a `text` message followed by `flush`, linear16 audio back, and a
 * `final` event per flush (`send_completion_event=true`) that ends the chunk's segment.
 * Bulbul gives no word timings.
 */
export function createSarvamTts(options: SarvamTtsOptions): TtsModel {
  const model = options.model ?? 'bulbul:v2';
  if (!(model in DEFAULT_SPEAKER)) throw new ConfigError(`sarvam: unknown TTS model ${model}`);
  return {
    provider: 'sarvam',
    model,
    capabilities: {
      streaming: true,
      wordTimings: false,
      sampleRates: RATES,
      languages: ['hi-IN', 'en-IN', '*-IN'],
    },
    stream: (streamOptions) =>
      stopOnAbort(streamSarvam(options, model, streamOptions), streamOptions.signal),
  };
}

function streamSarvam(
  options: SarvamTtsOptions,
  model: string,
  streamOptions: TtsStreamOptions,
): AsyncIterable<TtsPart> {
  const vendorRate = RATES.includes(streamOptions.sampleRate) ? streamOptions.sampleRate : 24_000;
  const pending: string[] = [];
  let inputDone = false;
  const decoder = new PcmByteDecoder(vendorRate, streamOptions.sampleRate);
  return runVendorSocket<TtsPart>({
    provider: 'sarvam',
    signal: streamOptions.signal,
    connect: (signal) => {
      const query = new URLSearchParams({ model, send_completion_event: 'true' });
      const url = `${(options.baseUrl ?? 'wss://api.sarvam.ai').replace(/\/+$/, '')}/text-to-speech/ws?${query}`;
      return connectWithRetry(options, {
        provider: 'sarvam',
        url,
        headers: { 'api-subscription-key': options.apiKey },
        signal,
      });
    },
    pump: async (open, signal) => {
      const [minPace, maxPace] = PACE_RANGE[model] ?? [0.5, 2];
      const pace = Math.min(maxPace, Math.max(minPace, streamOptions.speakingRate ?? 1));
      const config = {
        type: 'config',
        data: {
          language_code: toSarvamLanguage(streamOptions.language ?? options.language ?? 'hi-IN'),
          speaker: streamOptions.voice ?? options.speaker ?? DEFAULT_SPEAKER[model],
          pace,
          speech_sample_rate: vendorRate,
          output_audio_codec: 'linear16',
          enable_preprocessing: true,
        },
      };
      open.send(JSON.stringify(config));
      for await (const text of untilAborted(streamOptions.text, signal)) {
        if (text.trim() === '') continue;
        pending.push(text);
        open.send(JSON.stringify({ type: 'text', data: { text } }));
        open.send(JSON.stringify({ type: 'flush' }));
      }
      inputDone = true;
      if (pending.length === 0) open.close();
    },
    // A close once every chunk's `final` has come is the end; before, text went unspoken.
    closeIsEnd: () => inputDone && pending.length === 0,
    *onFrame(frame) {
      if (frame.type !== 'text') return false;
      const message = parseSarvamMessage(frame.data);
      if (message.kind === 'error') throw message.error;
      if (message.kind === 'audio') {
        const chunk = decoder.push(pcmOf(message.audio, message.contentType));
        if (chunk) yield { type: 'audio', chunk };
      }
      if (message.kind === 'final') {
        const tail = decoder.flush();
        if (tail) yield { type: 'audio', chunk: tail };
        const text = pending.shift();
        if (text !== undefined) yield { type: 'segment-end', text };
        if (inputDone && pending.length === 0) return true;
      }
      return false;
    },
  });
}

/** linear16 arrives as raw PCM, or wrapped in a WAV header when the content type says so. */
function pcmOf(audio: Buffer, contentType: string): Buffer {
  if (!contentType.includes('wav') || audio.subarray(0, 4).toString('latin1') !== 'RIFF')
    return audio;
  let offset = 12;
  while (offset + 8 <= audio.length) {
    const id = audio.subarray(offset, offset + 4).toString('latin1');
    const size = audio.readUInt32LE(offset + 4);
    if (id === 'data') return audio.subarray(offset + 8, offset + 8 + size);
    offset += 8 + size + (size % 2);
  }
  return Buffer.alloc(0);
}
