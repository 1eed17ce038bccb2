/** Shared measurement for the VAD tests: run a Vad over laid-out speech and pair segments with truth. */
import type { Vad, VadPart } from '../../../spec/vad.ts';
import { chunked, type Layout } from './speech-fixture.ts';

export interface Segment {
  readonly startMs: number;
  readonly endMs: number;
}

export async function detect(
  vad: Vad,
  samples: Int16Array,
  chunkSamples = 331,
): Promise<VadPart[]> {
  const parts: VadPart[] = [];
  const signal = new AbortController().signal;
  for await (const part of vad.stream({ audio: chunked(samples, chunkSamples), signal }))
    parts.push(part);
  return parts;
}

export function segments(parts: readonly VadPart[]): Segment[] {
  const out: Segment[] = [];
  let startMs: number | undefined;
  for (const part of parts) {
    if (part.type === 'speech-start') startMs = part.atMs;
    if (part.type === 'speech-end' && startMs !== undefined) {
      out.push({ startMs, endMs: part.atMs });
      startMs = undefined;
    }
  }
  return out;
}

/** Largest |error| of starts and ends against the truth; assumes equal counts. */
export function worstErrors(
  found: readonly Segment[],
  layout: Layout,
): { startMs: number; endMs: number } {
  let startMs = 0;
  let endMs = 0;
  layout.truth.forEach((truth, index) => {
    const segment = found[index];
    if (!segment) return;
    startMs = Math.max(startMs, Math.abs(segment.startMs - truth.startMs));
    endMs = Math.max(endMs, Math.abs(segment.endMs - truth.endMs));
  });
  return { startMs, endMs };
}
