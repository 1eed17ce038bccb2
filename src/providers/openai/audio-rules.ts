import type { OpenAIRefusal } from './chat-rules.ts';

/**
 * What OpenAI's audio endpoints refuse, as pure checks for the strict fake.
 * Speech: https://platform.openai.com/docs/api-reference/audio/createSpeech
 * Transcription: https://platform.openai.com/docs/api-reference/audio/createTranscription
 */
const refuse = (
  message: string,
  param: string,
  code: string | null = 'invalid_value',
): OpenAIRefusal => ({
  status: 400,
  body: { error: { message, type: 'invalid_request_error', param, code } },
});

/** Voices every speech model accepts; `gpt-4o-mini-tts` adds a few more. */
export const SPEECH_VOICES = [
  'alloy',
  'ash',
  'coral',
  'echo',
  'fable',
  'nova',
  'onyx',
  'sage',
  'shimmer',
];
const MINI_TTS_EXTRA_VOICES = ['ballad', 'verse', 'marin', 'cedar'];
export const SPEECH_MODELS = ['tts-1', 'tts-1-hd', 'gpt-4o-mini-tts'];
const RESPONSE_FORMATS = ['mp3', 'opus', 'aac', 'flac', 'wav', 'pcm'];
/** https://platform.openai.com/docs/api-reference/audio/createSpeech#audio-createspeech-input */
export const MAX_SPEECH_INPUT_CHARS = 4_096;

export interface SpeechBody {
  model?: unknown;
  input?: unknown;
  voice?: unknown;
  response_format?: unknown;
  speed?: unknown;
}

export function speechRefusal(
  body: SpeechBody,
  knownModel: (model: string) => boolean,
): OpenAIRefusal | undefined {
  const model = typeof body.model === 'string' ? body.model : '';
  if (!knownModel(model)) {
    return {
      status: 404,
      body: {
        error: {
          message: `The model \`${model}\` does not exist or you do not have access to it.`,
          type: 'invalid_request_error',
          param: null,
          code: 'model_not_found',
        },
      },
    };
  }
  // #audio-createspeech-voice — one of the listed voices.
  const voices =
    model === 'gpt-4o-mini-tts' ? [...SPEECH_VOICES, ...MINI_TTS_EXTRA_VOICES] : SPEECH_VOICES;
  if (typeof body.voice !== 'string' || !voices.includes(body.voice)) {
    return refuse(
      `Invalid value: '${String(body.voice)}'. Supported values are: ${voices.map((v) => `'${v}'`).join(', ')}.`,
      'voice',
    );
  }
  // #audio-createspeech-input — at most 4096 characters.
  if (typeof body.input !== 'string' || body.input.length > MAX_SPEECH_INPUT_CHARS) {
    const length = typeof body.input === 'string' ? body.input.length : 0;
    return refuse(
      `Invalid 'input': string too long. Expected a string with maximum length ${MAX_SPEECH_INPUT_CHARS}, but got a string with length ${length} instead.`,
      'input',
      'string_above_max_length',
    );
  }
  // #audio-createspeech-response_format
  const format = body.response_format;
  if (format !== undefined && (typeof format !== 'string' || !RESPONSE_FORMATS.includes(format))) {
    return refuse(
      `Invalid value: '${JSON.stringify(format)}'. Supported values are: ${RESPONSE_FORMATS.map((f) => `'${f}'`).join(', ')}.`,
      'response_format',
    );
  }
  // #audio-createspeech-speed — 0.25 to 4.0.
  if (
    body.speed !== undefined &&
    (typeof body.speed !== 'number' || body.speed < 0.25 || body.speed > 4)
  ) {
    return refuse(
      `Invalid 'speed': decimal above maximum value. Expected a value <= 4, but got ${JSON.stringify(body.speed)} instead.`,
      'speed',
      'decimal_above_max_value',
    );
  }
  return undefined;
}

export const TRANSCRIPTION_MODELS = ['whisper-1', 'gpt-4o-transcribe', 'gpt-4o-mini-transcribe'];

/** #audio-createtranscription-language — ISO-639-1, e.g. `es`, never `es-ES`. */
export function transcriptionLanguageRefusal(
  language: string | undefined,
): OpenAIRefusal | undefined {
  if (language === undefined || /^[a-z]{2}$/.test(language)) return undefined;
  return refuse(
    `Invalid language '${language}'. Language parameter must be specified in ISO-639-1 format.`,
    'language',
    'invalid_language_format',
  );
}
