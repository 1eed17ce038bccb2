import type { AudioChunk } from './audio.ts';
import type { ParleyError } from './errors.ts';
import type { ModelInfo, WordTiming } from './model.ts';

export interface SttCapabilities {
  readonly streaming: boolean;
  /** Finals may carry `endOfTurn` from the vendor's own turn detector. */
  readonly endOfTurn?: boolean;
  readonly interimResults: boolean;
  /**
   * The STT looks at its interim again at least this often (ms of audio) while the user
   * speaks, and sends it only when it changed: an interim that stood longer than this was
   * checked again and held. The barge-in policy then takes an interrupting word that stood
   * one re-check (`interimSettledMs`) sooner than its default.
   */
  readonly interimEveryMs?: number;
  readonly wordTimings: boolean;
  /** BCP-47 tags, e.g. `en-US`, `es-ES`. */
  readonly languages: readonly string[];
  /**
   * The recogniser gives a final only when asked (`finalize`), e.g. one upload per utterance:
   * the session asks at every end of speech its VAD hears, not only on a push-to-talk release.
   */
  readonly finalizeOnSpeechEnd?: boolean;
}

/** Help for the recogniser: phrases an agent expects, keywords to boost, or a JSGF grammar. */
export interface SttVocabulary {
  readonly phrases?: readonly string[];
  readonly keywords?: readonly string[];
  readonly grammar?: string;
  /** Extra pronunciations, `word` → phones (engine-specific, e.g. CMU phones). */
  readonly pronunciations?: Readonly<Record<string, string>>;
  /**
   * What a listener says between turns ("right", "hold on a second", "wait"): a recogniser may
   * listen for these on their own (the local one spots them), to report them when they are
   * all that was said. Not boosted as keywords by this field.
   */
  readonly turnTaking?: readonly string[];
}

/** What flows into an STT stream: audio, or a request to finalise what was heard so far. */
export type SttInput =
  { readonly type: 'audio'; readonly chunk: AudioChunk } | { readonly type: 'finalize' };

export interface SttStreamOptions {
  readonly audio: AsyncIterable<SttInput>;
  readonly sampleRate: number;
  readonly language?: string;
  readonly vocabulary?: SttVocabulary;
  readonly signal: AbortSignal;
}

/** The vendor's own end-of-turn detection fired with this final (Deepgram Flux, AssemblyAI). */
export interface VendorEndOfTurn {
  /** 0..1 when the vendor reports it. */
  readonly confidence?: number;
  /** Flux `EagerEndOfTurn`: a likely end a later `TurnResumed` may take back. */
  readonly eager?: boolean;
}

export interface SttTranscript {
  readonly text: string;
  readonly confidence?: number;
  /** Times are ms of audio since the stream started. */
  readonly words?: readonly WordTiming[];
  /** Present when the vendor's turn detector ended the turn: an extra signal for end of turn. */
  readonly endOfTurn?: VendorEndOfTurn;
  /**
   * Other readings of the same audio the recogniser found likely (e.g. a phrase its keyword
   * search spotted over all of it): hints beside the text, never the transcript.
   */
  readonly alternatives?: readonly string[];
}

export type SttPart =
  | ({ readonly type: 'interim' } & SttTranscript)
  | ({ readonly type: 'final' } & SttTranscript)
  | { readonly type: 'error'; readonly error: ParleyError };

export interface SttModel extends ModelInfo<SttCapabilities> {
  stream(options: SttStreamOptions): AsyncIterable<SttPart>;
}
