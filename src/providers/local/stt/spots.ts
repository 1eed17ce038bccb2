import type { PocketsphinxLib } from './ffi.ts';
import { FRAME_MS } from './segments.ts';

/** A phrase a keyword-spotting search detected: its time (stream ms) and the engine's score. */
export interface Spot {
  readonly phrase: string;
  readonly startMs: number;
  readonly endMs: number;
  /** The detection's score (engine log units, ≤ 0; higher is surer). */
  readonly score: number;
}

/** The detections from a keyword search's `ps_seg_iter` (consumed), times offset by `offsetMs`. */
export function readSpots(lib: PocketsphinxLib, seg: unknown, offsetMs: number): Spot[] {
  const spots: Spot[] = [];
  const start = new Int32Array(1);
  const end = new Int32Array(1);
  const unused = new Int32Array(1);
  for (; seg; seg = lib.segNext(seg)) {
    const phrase = lib.segWord(seg)?.trim();
    lib.segFrames(seg, start, end);
    const score = lib.segProb(seg, unused, unused, unused);
    if (!phrase) continue;
    spots.push({
      phrase,
      startMs: offsetMs + (start[0] ?? 0) * FRAME_MS,
      endMs: offsetMs + ((end[0] ?? 0) + 1) * FRAME_MS,
      score,
    });
  }
  return spots;
}

/** An utterance's loudness, frame by frame: what a spot must cover to be all that was said. */
export interface UtteranceLoudness {
  /** Stream ms of the first frame. */
  readonly startMs: number;
  readonly frameMs: number;
  /** Per frame: above the noise floor by the speech threshold. */
  readonly loud: readonly boolean[];
}

/** How many of the utterance's loud frames lie within `span` (stream ms). */
export function loudFramesWithin(
  span: Pick<Spot, 'startMs' | 'endMs'>,
  loudness: UtteranceLoudness,
): number {
  const from = Math.max(0, Math.floor((span.startMs - loudness.startMs) / loudness.frameMs));
  const to = Math.min(
    loudness.loud.length,
    Math.ceil((span.endMs - loudness.startMs) / loudness.frameMs),
  );
  let count = 0;
  for (let frame = from; frame < to; frame++) if (loudness.loud[frame]) count += 1;
  return count;
}
