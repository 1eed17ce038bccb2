import type { AudioChunk } from './audio.ts';
import type { ParleyError } from './errors.ts';
import type { ModelInfo } from './model.ts';

export interface VadCapabilities {
  /** Analysis frame length. */
  readonly frameMs: number;
  readonly sampleRates: readonly number[];
}

export interface VadStreamOptions {
  readonly audio: AsyncIterable<AudioChunk>;
  readonly signal: AbortSignal;
}

/** Times are ms of audio since the stream started. */
export type VadPart =
  | { readonly type: 'speech-start'; readonly atMs: number; readonly probability: number }
  | {
      readonly type: 'speech-end';
      readonly atMs: number;
      readonly probability: number;
      readonly speechMs: number;
    }
  | { readonly type: 'error'; readonly error: ParleyError };

export interface Vad extends ModelInfo<VadCapabilities> {
  stream(options: VadStreamOptions): AsyncIterable<VadPart>;
}
