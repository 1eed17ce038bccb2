import { ProtocolError, ProviderError } from '../../spec/errors.ts';
import type { CharAlignment } from './alignment.ts';

/** A server message on the stream-input socket, reduced to what Parley uses. */
export type ElevenLabsMessage =
  | {
      readonly kind: 'audio';
      readonly pcm: Buffer;
      readonly alignment?: CharAlignment;
      readonly isFinal: boolean;
    }
  | { readonly kind: 'final' }
  | { readonly kind: 'error'; readonly error: ProviderError };

/** The documented names are `charStartTimesMs` and `charsDurationsMs`; the variants also occur. */
interface RawAlignment {
  chars?: string[];
  charStartTimesMs?: number[];
  charsStartTimesMs?: number[];
  charsDurationsMs?: number[];
  charDurationsMs?: number[];
}

interface RawMessage {
  audio?: string | null;
  isFinal?: boolean | null;
  alignment?: RawAlignment | null;
  normalizedAlignment?: RawAlignment | null;
  error?: string;
  message?: string;
}

function toAlignment(raw: RawAlignment | null | undefined): CharAlignment | undefined {
  const starts = raw?.charStartTimesMs ?? raw?.charsStartTimesMs;
  if (!raw?.chars || !starts) return undefined;
  return {
    chars: raw.chars,
    charStartTimesMs: starts,
    charDurationsMs: raw.charsDurationsMs ?? raw.charDurationsMs ?? [],
  };
}

/** Parses one text frame; throws ProtocolError when it is not JSON. */
export function parseElevenLabsMessage(text: string): ElevenLabsMessage {
  let raw: RawMessage;
  try {
    raw = JSON.parse(text) as RawMessage;
  } catch (error) {
    throw new ProtocolError('elevenlabs: malformed message', { cause: error });
  }
  if (raw.error || (raw.message && raw.audio === undefined)) {
    const code = raw.error ?? 'error';
    return {
      kind: 'error',
      error: new ProviderError(`elevenlabs: ${code}: ${raw.message ?? ''}`, {
        provider: 'elevenlabs',
        retryable: code === 'internal_error' || code === 'rate_limited',
        cause: raw,
      }),
    };
  }
  if (raw.audio) {
    const alignment = toAlignment(raw.alignment) ?? toAlignment(raw.normalizedAlignment);
    const pcm = Buffer.from(raw.audio, 'base64');
    return alignment
      ? { kind: 'audio', pcm, alignment, isFinal: raw.isFinal === true }
      : { kind: 'audio', pcm, isFinal: raw.isFinal === true };
  }
  if (raw.isFinal) return { kind: 'final' };
  return { kind: 'audio', pcm: Buffer.alloc(0), isFinal: false };
}
