import { ProtocolError, ProviderError } from '../../spec/errors.ts';

/**
 * A server message on Cartesia's TTS WebSocket, reduced to what Parley uses
 * (https://docs.cartesia.ai/api-reference/tts/websocket): `chunk` (base64 audio),
 * `timestamps` (word times in seconds), `flush_done`, `done`, `error`.
 */
export type CartesiaMessage =
  | { readonly kind: 'audio'; readonly pcm: Buffer; readonly contextId: string }
  | {
      readonly kind: 'words';
      readonly contextId: string;
      readonly words: readonly { word: string; startMs: number; endMs: number }[];
    }
  | { readonly kind: 'flush-done'; readonly contextId: string; readonly flushId: number }
  | { readonly kind: 'done'; readonly contextId: string }
  | { readonly kind: 'error'; readonly contextId: string; readonly error: ProviderError }
  | { readonly kind: 'other' };

interface RawMessage {
  type?: 'chunk' | 'timestamps' | 'flush_done' | 'done' | 'error' | 'phoneme_timestamps';
  data?: string;
  context_id?: string;
  flush_id?: number;
  word_timestamps?: { words?: string[]; start?: number[]; end?: number[] };
  title?: string;
  message?: string;
  error?: string;
  error_code?: string;
  status_code?: number;
}

/** Retryable only for the vendor's server-side and rate-limit failures. */
function errorOf(raw: RawMessage): ProviderError {
  const status = raw.status_code;
  return new ProviderError(
    `cartesia: ${raw.title ?? 'error'}: ${raw.message ?? raw.error ?? 'unknown error'}`,
    {
      provider: 'cartesia',
      retryable: status === 429 || (status !== undefined && status >= 500),
      ...(status !== undefined ? { statusCode: status } : {}),
      cause: raw,
    },
  );
}

export function parseCartesiaMessage(text: string): CartesiaMessage {
  let raw: RawMessage;
  try {
    raw = JSON.parse(text) as RawMessage;
  } catch (error) {
    throw new ProtocolError('cartesia: malformed message', { cause: error });
  }
  const contextId = raw.context_id ?? '';
  switch (raw.type) {
    case 'chunk':
      if (typeof raw.data !== 'string') throw new ProtocolError('cartesia: chunk without data');
      return { kind: 'audio', pcm: Buffer.from(raw.data, 'base64'), contextId };
    case 'timestamps': {
      const { words = [], start = [], end = [] } = raw.word_timestamps ?? {};
      return {
        kind: 'words',
        contextId,
        words: words.map((word, i) => ({
          word,
          startMs: Math.round((start[i] ?? 0) * 1_000),
          endMs: Math.round((end[i] ?? start[i] ?? 0) * 1_000),
        })),
      };
    }
    case 'flush_done':
      return { kind: 'flush-done', contextId, flushId: raw.flush_id ?? 0 };
    case 'done':
      return { kind: 'done', contextId };
    case 'error':
      return { kind: 'error', contextId, error: errorOf(raw) };
    case 'phoneme_timestamps':
    case undefined:
      return { kind: 'other' };
  }
  // A message type newer than this adapter.
  return { kind: 'other' };
}
