/**
 * Audio inside Parley is mono PCM16 (signed 16-bit little-endian samples).
 * Other encodings (float32, mu-law) exist only at the edges, in src/audio.
 */
export type AudioEncoding = 'pcm16' | 'float32' | 'mulaw';

export interface AudioFormat {
  readonly sampleRate: number;
  readonly channels: 1;
  readonly encoding: AudioEncoding;
}

/** A run of mono PCM16 samples at `sampleRate`. */
export interface AudioChunk {
  readonly samples: Int16Array;
  readonly sampleRate: number;
}

/** The rate the browser client sends and the local STT/VAD engines read. */
export const INPUT_SAMPLE_RATE = 16_000;
