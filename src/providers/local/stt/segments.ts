import type { WordTiming } from '../../../spec/model.ts';
import type { PocketsphinxLib } from './ffi.ts';
import { isFillerToken, stripAlternateMarker } from './tokens.ts';

/** pocketsphinx works in 10 ms frames (-frate 100). */
export const FRAME_MS = 10;

export interface DecodedUtterance {
  readonly text: string;
  readonly words: readonly WordTiming[];
  /** Acoustic score per frame of the best path (engine units; higher is better). */
  readonly acousticPerFrame: number;
  readonly confidence: number | undefined;
}

/** A hypothesis without fillers, `word(2)` as `word`. */
export function cleanText(hypothesis: string | null): string {
  if (!hypothesis) return '';
  return hypothesis
    .split(/\s+/)
    .filter((token) => token && !isFillerToken(token))
    .map(stripAlternateMarker)
    .join(' ');
}

/**
 * Acoustic score per frame over the segments from `seg` (a `ps_seg_iter`,
 * consumed and freed). Mid-utterance this is the search's own path (cheap: a
 * walk back through its table), read on the main thread between lane calls.
 */
export function pathFit(lib: PocketsphinxLib, seg: unknown): number {
  const end = new Int32Array(1);
  const ascr = new Int32Array(1);
  const unused = new Int32Array(1);
  let acoustic = 0;
  let frames = 0;
  for (; seg; seg = lib.segNext(seg)) {
    lib.segFrames(seg, unused, end);
    lib.segProb(seg, ascr, unused, unused);
    acoustic += ascr[0] ?? 0;
    frames = Math.max(frames, (end[0] ?? 0) + 1);
  }
  return frames > 0 ? acoustic / frames : 0;
}

/** The words of a finished utterance from `seg` (consumed), times offset by `offsetMs`. */
export function readWords(
  lib: PocketsphinxLib,
  logmath: unknown,
  seg: unknown,
  offsetMs: number,
  withConfidence: boolean,
): WordTiming[] {
  const words: WordTiming[] = [];
  const start = new Int32Array(1);
  const end = new Int32Array(1);
  const scores = new Int32Array(1);
  for (; seg; seg = lib.segNext(seg)) {
    const token = lib.segWord(seg);
    lib.segFrames(seg, start, end);
    const posterior = lib.segProb(seg, scores, scores, scores);
    if (!token || isFillerToken(token)) continue;
    words.push({
      word: stripAlternateMarker(token),
      startMs: offsetMs + (start[0] ?? 0) * FRAME_MS,
      endMs: offsetMs + ((end[0] ?? 0) + 1) * FRAME_MS,
      ...(withConfidence ? { confidence: lib.logmathExp(logmath, posterior) } : {}),
    });
  }
  return words;
}

/**
 * The mean word posterior: the utterance posterior is a product over words
 * (tiny for any long utterance), the mean is the more useful figure.
 */
export function meanConfidence(words: readonly WordTiming[]): number | undefined {
  const confidences = words.flatMap((word) =>
    word.confidence === undefined ? [] : [word.confidence],
  );
  return confidences.length > 0
    ? confidences.reduce((a, b) => a + b, 0) / confidences.length
    : undefined;
}
