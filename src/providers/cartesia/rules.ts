import { VENDOR_LANGUAGES } from '../shared/languages.ts';
import { VOICE_CATALOGUE } from '../shared/voice-catalogue.ts';

/**
 * What Cartesia's TTS WebSocket refuses, for the strict fake; the refusal is an
 * `error` message for the context (https://docs.cartesia.ai/api-reference/tts/websocket).
 */
export interface CartesiaGenerationRequest {
  model_id?: unknown;
  transcript?: unknown;
  voice?: { mode?: unknown; id?: unknown };
  language?: unknown;
  context_id?: unknown;
  output_format?: { container?: unknown; encoding?: unknown; sample_rate?: unknown };
  continue?: unknown;
}

export interface CartesiaRefusal {
  readonly title: string;
  readonly message: string;
  readonly error_code: string;
  readonly status_code: number;
}

/** https://docs.cartesia.ai/build-with-cartesia/tts-models */
export const CARTESIA_MODELS = ['sonic-2', 'sonic-3', 'sonic-turbo', 'sonic-latest'];
/** https://docs.cartesia.ai/api-reference/tts/websocket (output_format.sample_rate). */
export const CARTESIA_RATES = [8_000, 16_000, 22_050, 24_000, 44_100, 48_000];
const ENCODINGS = ['pcm_s16le', 'pcm_f32le', 'pcm_mulaw', 'pcm_alaw'];

/**
 * Cartesia closes a WebSocket that carried no generation for this long: "We close idle
 * WebSocket connections after 5 minutes"
 * (https://docs.cartesia.ai/use-the-api/concurrency-limits-and-timeouts). Users have seen
 * closes after about 60 s (https://github.com/livekit/agents/pull/2630), so Parley trusts an
 * idle socket for less than that and reopens one a vendor closed.
 */
export const CARTESIA_IDLE_TIMEOUT_MS = 60_000;

const refuse = (
  title: string,
  message: string,
  error_code: string,
  status_code = 400,
): CartesiaRefusal => ({
  title,
  message,
  error_code,
  status_code,
});

export function cartesiaRefusal(
  request: CartesiaGenerationRequest,
  testVoices: readonly string[],
): CartesiaRefusal | undefined {
  if (typeof request.context_id !== 'string' || request.context_id === '') {
    return refuse('Invalid request', 'context_id is required.', 'invalid_request');
  }
  if (typeof request.model_id !== 'string' || !CARTESIA_MODELS.includes(request.model_id)) {
    return refuse(
      'Invalid model',
      'The model is not valid, make sure it is a valid model ID.',
      'model_not_found',
    );
  }
  const voiceId = request.voice?.id;
  const known = VOICE_CATALOGUE.cartesia.some((voice) => voice.id === voiceId);
  if (
    request.voice?.mode !== 'id' ||
    typeof voiceId !== 'string' ||
    !(known || testVoices.includes(voiceId))
  ) {
    return refuse(
      'Voice not found',
      `Voice ${String(voiceId)} was not found.`,
      'voice_not_found',
      404,
    );
  }
  const languages: readonly string[] = VENDOR_LANGUAGES.cartesia;
  const language = request.language;
  if (language !== undefined && (typeof language !== 'string' || !languages.includes(language))) {
    return refuse(
      'Invalid language',
      `Language ${JSON.stringify(language)} is not supported.`,
      'invalid_language',
    );
  }
  const format = request.output_format;
  if (
    format?.container !== 'raw' ||
    !ENCODINGS.includes(String(format.encoding)) ||
    !CARTESIA_RATES.includes(Number(format.sample_rate))
  ) {
    return refuse(
      'Invalid output format',
      'output_format must be raw with a supported encoding and sample_rate.',
      'invalid_output_format',
    );
  }
  if (typeof request.transcript !== 'string') {
    return refuse('Invalid request', 'transcript is required.', 'invalid_request');
  }
  return undefined;
}
