import type { AudioChunk } from '../spec/audio.ts';
import type { WireError } from './messages.ts';

export type AudioFrameResult =
  | { readonly ok: true; readonly chunk: AudioChunk }
  | { readonly ok: false; readonly error: WireError };

export interface AudioFrameLimits {
  readonly sampleRate: number;
  /** Longest frame accepted; 20 ms frames are expected, a little slack is allowed. */
  readonly maxFrameMs: number;
}

/**
 * Decodes one binary frame of client audio: mono PCM16 little-endian. The
 * bytes are copied so the chunk does not alias the socket's buffer.
 */
export function decodeAudioFrame(bytes: Uint8Array, limits: AudioFrameLimits): AudioFrameResult {
  const maxBytes = Math.floor((limits.sampleRate * limits.maxFrameMs) / 1000) * 2;
  if (bytes.byteLength === 0) return bad('an audio frame must not be empty');
  if (bytes.byteLength % 2 !== 0)
    return bad(`an audio frame must hold whole 16-bit samples, got ${bytes.byteLength} bytes`);
  if (bytes.byteLength > maxBytes)
    return bad(
      `an audio frame may hold at most ${limits.maxFrameMs} ms (${maxBytes} bytes), got ${bytes.byteLength} bytes`,
    );
  const samples = new Int16Array(bytes.byteLength / 2);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let i = 0; i < samples.length; i++) samples[i] = view.getInt16(i * 2, true);
  return { ok: true, chunk: { samples, sampleRate: limits.sampleRate } };
}

/** Encodes agent audio as one binary frame (PCM16 little-endian). */
export function encodeAudioFrame(samples: Int16Array): Uint8Array {
  const bytes = new Uint8Array(samples.length * 2);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < samples.length; i++) view.setInt16(i * 2, samples[i] ?? 0, true);
  return bytes;
}

function bad(message: string): AudioFrameResult {
  return { ok: false, error: { type: 'error', code: 'bad-audio', message, fatal: false } };
}
