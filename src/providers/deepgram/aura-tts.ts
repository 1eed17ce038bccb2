import type { Clock } from '../../spec/clock.ts';
import type { TtsModel } from '../../spec/tts.ts';
import { streamHttpTts } from '../resilience/http-tts.ts';
import type { RetryOptions } from '../resilience/retry.ts';

export interface DeepgramAuraTtsOptions {
  readonly apiKey: string;
  /** A voice model, default `aura-2-thalia-en`; a stream's `voice` option overrides it. */
  readonly model?: string;
  /** Default `https://api.deepgram.com`. */
  readonly baseUrl?: string;
  readonly timeoutMs?: number;
  readonly retry?: Omit<RetryOptions, 'signal' | 'clock'>;
  readonly clock?: Clock;
}

/** Rates Aura renders linear16 at; others are resampled from 24 kHz. */
const AURA_RATES = [8_000, 16_000, 24_000, 32_000, 48_000];

/** Deepgram Aura over REST (`POST /v1/speak`), raw linear16 streamed back per text chunk. */
export function createDeepgramAuraTts(options: DeepgramAuraTtsOptions): TtsModel {
  const model = options.model ?? 'aura-2-thalia-en';
  const baseUrl = (options.baseUrl ?? 'https://api.deepgram.com').replace(/\/+$/, '');
  const headers = { authorization: `Token ${options.apiKey}`, 'content-type': 'application/json' };
  return {
    provider: 'deepgram',
    model,
    capabilities: {
      streaming: true,
      wordTimings: false,
      sampleRates: AURA_RATES,
      languages: ['en', 'es'],
    },
    stream: (streamOptions) =>
      streamHttpTts(
        {
          provider: 'deepgram',
          timeoutMs: options.timeoutMs ?? 20_000,
          clock: options.clock,
          retry: options.retry,
          request: (text, { voice, sampleRate }) => {
            const rate = AURA_RATES.includes(sampleRate) ? sampleRate : 24_000;
            const query = new URLSearchParams({
              model: voice ?? model,
              encoding: 'linear16',
              container: 'none',
              sample_rate: String(rate),
            });
            return {
              url: `${baseUrl}/v1/speak?${query}`,
              headers,
              sampleRate: rate,
              body: JSON.stringify({ text }),
            };
          },
        },
        streamOptions,
      ),
  };
}
