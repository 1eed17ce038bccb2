/**
 * A scripted user: when they speak (clock ms) and what they say. The fake VAD
 * and fake STT both read the same script, so a test describes the user once.
 */
export interface FakeUtterance {
  readonly startMs: number;
  readonly endMs: number;
  /** What the STT finally hears; empty for a cough or a door. */
  readonly transcript: string;
  /** Interim hypotheses: `atMs` after `startMs`. Default: none. */
  readonly interims?: readonly { readonly atMs: number; readonly text: string }[];
}

export interface FakeLatencies {
  /** VAD reports speech start this long after the true onset. */
  readonly vadStartDelayMs?: number;
  /** VAD reports speech end this long after the true end. */
  readonly vadEndDelayMs?: number;
  /** STT final arrives this long after the true end. */
  readonly sttFinalDelayMs?: number;
}

export type UserSpeechScript = readonly FakeUtterance[];
