import type { WordTiming } from '../spec/model.ts';
import type { SpokenSegment } from './heard-text.ts';

/** A spoken segment as the session tracks it: mutable while its audio arrives. */
export interface TrackedSegment extends SpokenSegment {
  /** Which LLM round (before/after a tool call) wrote it. */
  readonly round: number;
  audioStartMs: number;
  audioEndMs: number | undefined;
  readonly words: WordTiming[];
}
