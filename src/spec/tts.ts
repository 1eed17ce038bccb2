import type { AudioChunk } from './audio.ts';
import type { ParleyError } from './errors.ts';
import type { ModelInfo } from './model.ts';

export interface TtsCapabilities {
  readonly streaming: boolean;
  /** Whether `word` parts come with the audio. */
  readonly wordTimings: boolean;
  readonly sampleRates: readonly number[];
  readonly languages: readonly string[];
}

export interface TtsStreamOptions {
  /** Text arrives in chunks (sentences or clauses); audio for chunk 1 may start before chunk 2 exists. */
  readonly text: AsyncIterable<string>;
  /** Output rate; providers resample to it. */
  readonly sampleRate: number;
  readonly voice?: string;
  readonly language?: string;
  /** 1 is the voice's normal rate; 0.9 is 10% slower. */
  readonly speakingRate?: number;
  readonly signal: AbortSignal;
}

/** Word times are ms of audio from the start of this stream's output. */
export type TtsPart =
  | { readonly type: 'audio'; readonly chunk: AudioChunk }
  | {
      readonly type: 'word';
      readonly word: string;
      readonly startMs: number;
      readonly endMs: number;
    }
  /** All audio for one input chunk has been emitted. */
  | { readonly type: 'segment-end'; readonly text: string }
  | { readonly type: 'error'; readonly error: ParleyError };

export interface TtsModel extends ModelInfo<TtsCapabilities> {
  stream(options: TtsStreamOptions): AsyncIterable<TtsPart>;
  /**
   * What lives as long as one conversation (one vendor socket for all its replies). A
   * session calls it once when it starts and closes what it returns when it closes; a
   * model without it is used as it is, and `stream` on the model itself stays valid.
   */
  openSession?(): SessionTts;
}

/** A TTS model's per-session instance; `close` releases what the session held (idempotent). */
export interface SessionTts extends TtsModel {
  close(): Promise<void>;
}
