import type { Clock } from '../../spec/clock.ts';
import type { TtsModel } from '../../spec/tts.ts';
import { streamHttpTts } from '../resilience/http-tts.ts';
import type { RetryOptions } from '../resilience/retry.ts';

export interface OpenAITtsOptions {
  /** Optional for self-hosted compatible servers (Kokoro-FastAPI, Speaches). */
  readonly apiKey?: string;
  /** Default `gpt-4o-mini-tts` (`tts-1` is faster on older accounts). */
  readonly model?: string;
  /** Default `alloy`; a stream's `voice` option overrides it. */
  readonly voice?: string;
  /** Default `https://api.openai.com/v1`. */
  readonly baseUrl?: string;
  readonly timeoutMs?: number;
  readonly retry?: Omit<RetryOptions, 'signal' | 'clock'>;
  readonly clock?: Clock;
}

/** The vendor's `pcm` response format: 24 kHz, 16-bit little-endian, mono. */
const OPENAI_PCM_RATE = 24_000;

/** OpenAI's speech endpoint, one streamed request per text chunk, raw PCM resampled to the asked rate. */
export function createOpenAITts(options: OpenAITtsOptions): TtsModel {
  const model = options.model ?? 'gpt-4o-mini-tts';
  const url = `${(options.baseUrl ?? 'https://api.openai.com/v1').replace(/\/+$/, '')}/audio/speech`;
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (options.apiKey) headers['authorization'] = `Bearer ${options.apiKey}`;
  return {
    provider: 'openai',
    model,
    capabilities: {
      streaming: true,
      wordTimings: false,
      sampleRates: [8_000, 16_000, 22_050, 24_000, 44_100, 48_000],
      languages: ['en', 'es', 'fr', 'de', 'it', 'pt', 'ja', 'zh'],
    },
    stream: (streamOptions) =>
      streamHttpTts(
        {
          provider: 'openai',
          timeoutMs: options.timeoutMs ?? 20_000,
          clock: options.clock,
          retry: options.retry,
          request: (text, { voice, speakingRate }) => ({
            url,
            headers,
            sampleRate: OPENAI_PCM_RATE,
            body: JSON.stringify({
              model,
              input: text,
              voice: voice ?? options.voice ?? 'alloy',
              response_format: 'pcm',
              ...(speakingRate !== undefined && speakingRate !== 1 ? { speed: speakingRate } : {}),
            }),
          }),
        },
        streamOptions,
      ),
  };
}
