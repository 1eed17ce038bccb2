import { VOICE_CATALOGUE } from '../shared/voice-catalogue.ts';

/**
 * What ElevenLabs refuses at the WebSocket handshake, for the strict fake. Error
 * bodies are the API's `{"detail":{"status","message"}}`
 * (https://help.elevenlabs.io/hc/en-us/articles/19572237925521-API-Error-Code-400-or-401).
 */
export interface ElevenLabsRefusal {
  readonly status: number;
  readonly body: { readonly detail: { readonly status: string; readonly message: string } };
}

const refuse = (status: string, message: string, code = 400): ElevenLabsRefusal => ({
  status: code,
  body: { detail: { status, message } },
});

/** https://elevenlabs.io/docs/api-reference/text-to-speech/v-1-text-to-speech-voice-id-stream-input (output_format). */
export const OUTPUT_FORMATS = [
  'pcm_8000',
  'pcm_16000',
  'pcm_22050',
  'pcm_24000',
  'pcm_44100',
  'pcm_48000',
  'ulaw_8000',
  'alaw_8000',
  'mp3_44100_128',
  'opus_48000_64',
];
/** https://elevenlabs.io/docs/models */
export const MODELS = [
  'eleven_flash_v2_5',
  'eleven_turbo_v2_5',
  'eleven_multilingual_v2',
  'eleven_flash_v2',
];

export function streamInputRefusal(
  voiceId: string,
  query: URLSearchParams,
  testVoices: readonly string[],
): ElevenLabsRefusal | undefined {
  const known =
    VOICE_CATALOGUE.elevenlabs.some((voice) => voice.id === voiceId) ||
    testVoices.includes(voiceId);
  if (!known) return refuse('voice_not_found', `A voice with voice_id ${voiceId} was not found.`);
  const model = query.get('model_id') ?? 'eleven_flash_v2_5';
  if (!MODELS.includes(model))
    return refuse('model_not_found', `A model with model ID ${model} does not exist.`);
  const format = query.get('output_format') ?? 'mp3_44100_128';
  if (!OUTPUT_FORMATS.includes(format)) {
    return refuse('invalid_output_format', `Invalid output format: ${format}.`);
  }
  return undefined;
}
