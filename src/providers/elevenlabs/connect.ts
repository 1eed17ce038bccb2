import { connectWithRetry } from '../resilience/connect-with-retry.ts';
import type { WsConnection } from '../resilience/ws.ts';
import type { ElevenLabsTtsOptions } from './tts.ts';

/** Opens an ElevenLabs text-to-speech socket with the key header, handshake timeout and retries. */
export function connectElevenLabs(
  options: ElevenLabsTtsOptions,
  url: string,
  signal: AbortSignal,
): Promise<WsConnection> {
  return connectWithRetry(options, {
    provider: 'elevenlabs',
    url,
    headers: { 'xi-api-key': options.apiKey },
    signal,
  });
}

/** The `voice_settings` of a reply's first message: the adapter's voice and the reply's rate. */
export function voiceSettings(
  options: ElevenLabsTtsOptions,
  speakingRate: number | undefined,
): Record<string, number> {
  return {
    stability: options.stability ?? 0.5,
    similarity_boost: options.similarityBoost ?? 0.8,
    ...(speakingRate === undefined ? {} : { speed: speakingRate }),
  };
}
