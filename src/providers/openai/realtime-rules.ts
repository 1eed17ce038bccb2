import { TRANSCRIPTION_MODELS } from './audio-rules.ts';

/**
 * What OpenAI's Realtime transcription socket (`/v1/realtime?intent=transcription`) refuses,
 * for the strict fake. Errors arrive as `{"type":"error","error":{type,code,message,param}}`
 * events (https://platform.openai.com/docs/api-reference/realtime-server-events/error).
 */
export interface RealtimeError {
  readonly type: 'invalid_request_error';
  readonly code: string;
  readonly message: string;
  readonly param: string | null;
}

const error = (code: string, message: string, param: string | null = null): RealtimeError => ({
  type: 'invalid_request_error',
  code,
  message,
  param,
});

/** https://platform.openai.com/docs/api-reference/realtime-client-events/transcription_session/update */
export interface TranscriptionSessionUpdate {
  readonly type?: unknown;
  readonly session?: {
    readonly input_audio_format?: unknown;
    readonly input_audio_transcription?: { readonly model?: unknown; readonly language?: unknown };
    readonly turn_detection?: unknown;
  };
}

const shown = (value: unknown): string =>
  typeof value === 'string' ? value : JSON.stringify(value);

const AUDIO_FORMATS = ['pcm16', 'g711_ulaw', 'g711_alaw'];

export function sessionUpdateRefusal(
  message: TranscriptionSessionUpdate,
): RealtimeError | undefined {
  const session = message.session ?? {};
  const format = session.input_audio_format ?? 'pcm16';
  if (typeof format !== 'string' || !AUDIO_FORMATS.includes(format)) {
    return error(
      'invalid_value',
      `Invalid value: '${shown(format)}'. Supported values are: ${AUDIO_FORMATS.map((f) => `'${f}'`).join(', ')}.`,
      'session.input_audio_format',
    );
  }
  const model = session.input_audio_transcription?.model;
  if (typeof model !== 'string' || !TRANSCRIPTION_MODELS.includes(model)) {
    return error(
      'invalid_value',
      `Invalid value: '${shown(model)}'. Supported values are: ${TRANSCRIPTION_MODELS.map((m) => `'${m}'`).join(', ')}.`,
      'session.input_audio_transcription.model',
    );
  }
  const language = session.input_audio_transcription?.language;
  // ISO-639-1, as for the REST endpoint (#audio-createtranscription-language).
  if (language !== undefined && (typeof language !== 'string' || !/^[a-z]{2}$/.test(language))) {
    return error(
      'invalid_value',
      `Invalid language '${shown(language)}'. Language parameter must be specified in ISO-639-1 format.`,
      'session.input_audio_transcription.language',
    );
  }
  return undefined;
}

/**
 * A commit needs at least 100 ms of buffered audio
 * (https://platform.openai.com/docs/api-reference/realtime-client-events/input_audio_buffer/commit).
 */
export const MIN_COMMIT_MS = 100;

export function commitRefusal(bufferedMs: number): RealtimeError | undefined {
  if (bufferedMs >= MIN_COMMIT_MS) return undefined;
  return error(
    'input_audio_buffer_commit_empty',
    `Error committing input audio buffer: buffer too small. Expected at least ${MIN_COMMIT_MS}ms of audio, but buffer only has ${bufferedMs.toFixed(2)}ms of audio.`,
  );
}
