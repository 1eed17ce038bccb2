import { ProtocolError, ProviderError } from '../../spec/errors.ts';

/** What Sarvam's streaming sockets send, as Parley reads it. */
export type SarvamMessage =
  | { readonly kind: 'audio'; readonly audio: Buffer; readonly contentType: string }
  | { readonly kind: 'final' }
  | { readonly kind: 'transcript'; readonly text: string; readonly language?: string }
  | { readonly kind: 'speech'; readonly signal: 'START_SPEECH' | 'END_SPEECH' }
  | { readonly kind: 'error'; readonly error: ProviderError }
  | { readonly kind: 'other' };

// Error codes that trying again cannot fix (https://docs.sarvam.ai/api-reference-docs/errors).
const PERMANENT = new Set([
  'invalid_request_error',
  'unprocessable_entity_error',
  'insufficient_quota_error',
  'invalid_api_key_error',
  'authentication_error',
  'not_found_error',
]);

/**
 * Parses one text frame. TTS: `{"type":"audio","data":{"audio","content_type"}}`,
 * `{"type":"event","data":{"event_type":"final"}}`; STT: `{"type":"data","data":{"transcript"}}`,
 * `{"type":"events","data":{"signal_type"}}`; both: `{"type":"error","data":{…}}`.
 */
export function parseSarvamMessage(text: string): SarvamMessage {
  let message: { type?: unknown; data?: Record<string, unknown> };
  try {
    message = JSON.parse(text) as typeof message;
  } catch (error) {
    throw new ProtocolError(`sarvam: a message is not JSON: ${text.slice(0, 80)}`, {
      cause: error,
    });
  }
  const data = message.data ?? {};
  switch (message.type) {
    case 'audio':
      if (typeof data['audio'] !== 'string')
        throw new ProtocolError('sarvam: audio message without audio');
      return {
        kind: 'audio',
        audio: Buffer.from(data['audio'], 'base64'),
        contentType: typeof data['content_type'] === 'string' ? data['content_type'] : '',
      };
    case 'event':
      return data['event_type'] === 'final' ? { kind: 'final' } : { kind: 'other' };
    case 'data':
      if (typeof data['transcript'] !== 'string')
        throw new ProtocolError('sarvam: data message without transcript');
      return {
        kind: 'transcript',
        text: data['transcript'],
        ...(typeof data['language_code'] === 'string' && { language: data['language_code'] }),
      };
    case 'events':
      return data['signal_type'] === 'START_SPEECH' || data['signal_type'] === 'END_SPEECH'
        ? { kind: 'speech', signal: data['signal_type'] }
        : { kind: 'other' };
    case 'error': {
      const detail = textOf(data['message']) ?? textOf(data['error']) ?? 'unknown error';
      const code = textOf(data['code']) ?? '';
      return {
        kind: 'error',
        error: new ProviderError(`sarvam: ${detail}${code === '' ? '' : ` (${code})`}`, {
          provider: 'sarvam',
          retryable: isRetryableCode(code),
          cause: new Error(text),
        }),
      };
    }
    default:
      return { kind: 'other' };
  }
}

/** String codes from the gateway, numeric HTTP-like codes from the sockets. */
function isRetryableCode(code: string): boolean {
  if (PERMANENT.has(code)) return false;
  const status = Number(code);
  if (Number.isInteger(status) && status >= 400 && status < 500)
    return status === 408 || status === 429;
  return true;
}

function textOf(value: unknown): string | undefined {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
}
