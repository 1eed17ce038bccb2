import { readFile, writeFile } from 'node:fs/promises';
import type { HeardPart, VadEdge } from './sweep-timeline.ts';

/** One clip as the VAD and the recogniser heard it: what the policy is then run on. */
export interface HeardClip {
  readonly text: string;
  readonly voice: string;
  readonly noisy: boolean;
  readonly leadMs: number;
  readonly heard: readonly HeardPart[];
  readonly vad: readonly VadEdge[];
  /** The recogniser's interim period when it was heard (160 ms in records that lack it). */
  readonly interimEveryMs?: number;
}

/**
 * Clips heard once and kept (`--record=`), so that policies can be compared on the very
 * same recogniser output (`--replay=`) without hearing them again.
 */
export async function writeHeardClips(path: string, clips: readonly HeardClip[]): Promise<void> {
  await writeFile(path, clips.map((clip) => JSON.stringify(clip)).join('\n') + '\n');
}

export async function readHeardClips(path: string): Promise<HeardClip[]> {
  const lines = (await readFile(path, 'utf8')).split('\n').filter((line) => line.trim() !== '');
  return lines.map((line) => JSON.parse(line) as HeardClip);
}
