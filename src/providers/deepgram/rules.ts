import { VENDOR_LANGUAGES } from '../shared/languages.ts';

/**
 * What Deepgram refuses, as pure checks for the strict fakes. Error bodies follow
 * https://developers.deepgram.com/docs/errors (`err_code`, `err_msg`, `request_id`).
 */
export interface DeepgramRefusal {
  readonly status: number;
  readonly body: {
    readonly err_code: string;
    readonly err_msg: string;
    readonly request_id: string;
  };
}

const refuse = (err_msg: string, status = 400, err_code = 'Bad Request'): DeepgramRefusal => ({
  status,
  body: { err_code, err_msg, request_id: '00000000-0000-0000-0000-000000000000' },
});

const LISTEN_MODELS = ['nova-3', 'nova-2', 'nova-3-general', 'nova-2-general'];

/** `/v1/listen` query checks: https://developers.deepgram.com/reference/speech-to-text-api/listen-streaming */
export function listenRefusal(
  query: URLSearchParams,
  scenarios: readonly string[],
): DeepgramRefusal | undefined {
  const model = query.get('model') ?? 'nova-3';
  const language = query.get('language') ?? 'en';
  const languages: readonly string[] = VENDOR_LANGUAGES.deepgram;
  // https://developers.deepgram.com/docs/models-languages-overview — only listed model/language pairs.
  if (
    !scenarios.includes(model) &&
    (!LISTEN_MODELS.includes(model) || !languages.includes(language))
  ) {
    return refuse(
      'No such model/language/tier combination found. Use the /v1/models endpoint to see available models.',
    );
  }
  // https://developers.deepgram.com/docs/encoding — raw audio needs encoding and sample_rate together.
  if (query.has('encoding') !== query.has('sample_rate')) {
    return refuse('Bad Request: sample_rate and encoding must be provided together for raw audio.');
  }
  return undefined;
}

/** Aura voices the fake knows (https://developers.deepgram.com/docs/tts-models). */
export const AURA_VOICES = [
  'aura-2-thalia-en',
  'aura-2-helena-en',
  'aura-2-andromeda-en',
  'aura-2-apollo-en',
  'aura-2-orion-en',
  'aura-2-zeus-en',
  'aura-2-asteria-en',
  'aura-2-luna-en',
  'aura-2-celeste-es',
  'aura-2-carina-es',
  'aura-2-diana-es',
  'aura-2-nestor-es',
  'aura-2-alvaro-es',
  'aura-2-javier-es',
  'aura-2-sirio-es',
  'aura-2-estrella-es',
];
/** https://developers.deepgram.com/docs/tts-media-output-settings — linear16 rates. */
export const AURA_LINEAR16_RATES = [8_000, 16_000, 24_000, 32_000, 48_000];
/**
 * Deepgram closes a streaming socket that receives nothing for a while with 1011 `NET-0001`
 * (listed for the TTS socket in
 * https://developers.deepgram.com/docs/tts-troubleshooting-websocket-net-and-data-errors; the
 * delay documented for Deepgram's streaming sockets is 10 s,
 * https://developers.deepgram.com/docs/audio-keep-alive). Parley replaces an Aura socket idle
 * for nearly that long, and reopens one the vendor closed.
 */
export const AURA_IDLE_TIMEOUT_MS = 10_000;
/** https://developers.deepgram.com/docs/text-to-speech — at most 2000 characters a request. */
export const AURA_MAX_CHARS = 2_000;

/** `/v1/speak` checks for the query and the text of one request. */
export function speakRefusal(
  query: URLSearchParams,
  text: string | undefined,
): DeepgramRefusal | undefined {
  const model = query.get('model') ?? 'aura-2-thalia-en';
  if (!AURA_VOICES.includes(model)) {
    return refuse(`Invalid model: ${model}. See https://developers.deepgram.com/docs/tts-models.`);
  }
  const encoding = query.get('encoding');
  const rate = Number(query.get('sample_rate') ?? 24_000);
  if (encoding === 'linear16' && !AURA_LINEAR16_RATES.includes(rate)) {
    return refuse(`Unsupported sample_rate ${rate} for encoding linear16.`);
  }
  if (text !== undefined && text.length > AURA_MAX_CHARS) {
    return refuse(
      `Text length ${text.length} exceeds the maximum of ${AURA_MAX_CHARS} characters.`,
      413,
      'Payload Too Large',
    );
  }
  if (text !== undefined && text.trim() === '') return refuse('Text must not be empty.');
  return undefined;
}
