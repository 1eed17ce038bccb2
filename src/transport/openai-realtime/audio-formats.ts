import { decodeAlaw, encodeAlaw } from '../../audio/alaw.ts';
import { decodeMulaw, encodeMulaw } from '../../audio/mulaw.ts';
import { bytesToInt16, int16ToBytes } from '../../audio/pcm.ts';
import { createResampler, type Resampler } from '../../audio/resample.ts';
import type { AudioChunk } from '../../spec/audio.ts';
import type { RealtimeAudioFormat } from './session-config.ts';

/** The wire rate of each format: PCM is 24 kHz, G.711 8 kHz. */
export function rateOf(format: RealtimeAudioFormat): number {
  return format === 'audio/pcm' ? 24_000 : 8_000;
}

function decode(format: RealtimeAudioFormat, bytes: Uint8Array): Int16Array {
  if (format === 'audio/pcmu') return decodeMulaw(bytes);
  if (format === 'audio/pcma') return decodeAlaw(bytes);
  return bytesToInt16(bytes.subarray(0, bytes.length - (bytes.length % 2)));
}

function encode(format: RealtimeAudioFormat, samples: Int16Array): Uint8Array {
  if (format === 'audio/pcmu') return encodeMulaw(samples);
  if (format === 'audio/pcma') return encodeAlaw(samples);
  return int16ToBytes(samples);
}

/** Client audio (base64 in the session's input format) → PCM16 at `toRate`, streaming. */
export class InputAudioDecoder {
  #format: RealtimeAudioFormat | undefined;
  #resampler: Resampler | undefined;
  /** Input audio received so far, in ms (the timeline of `audio_start_ms` / `audio_end_ms`). */
  receivedMs = 0;

  constructor(readonly toRate: number) {}

  decode(format: RealtimeAudioFormat, base64: string): AudioChunk {
    if (format !== this.#format) {
      this.#format = format;
      this.#resampler = createResampler(rateOf(format), this.toRate);
    }
    const samples = decode(format, Buffer.from(base64, 'base64'));
    this.receivedMs += (samples.length * 1_000) / rateOf(format);
    return { samples: this.#resampler?.push(samples) ?? samples, sampleRate: this.toRate };
  }
}

/** Agent audio (PCM16 at the session's output rate) → base64 in the session's output format. */
export class OutputAudioEncoder {
  #key = '';
  #resampler: Resampler | undefined;

  encode(format: RealtimeAudioFormat, chunk: AudioChunk): string {
    const key = `${format}:${chunk.sampleRate}`;
    if (key !== this.#key) {
      this.#key = key;
      this.#resampler = createResampler(chunk.sampleRate, rateOf(format));
    }
    const samples = this.#resampler?.push(chunk.samples) ?? chunk.samples;
    return Buffer.from(encode(format, samples)).toString('base64');
  }
}
