import type { TtsPart } from '../../spec/tts.ts';
import type { PcmByteDecoder } from '../resilience/pcm-chunks.ts';

/** A sentence given to a context-per-reply TTS socket; `sent` once a flush followed it. */
export interface SentSegment {
  readonly text: string;
  readonly sent: boolean;
}

/**
 * For vendors that answer a flush with "done for now" rather than per sentence (Cartesia
 * `flush_done`, Aura `Flushed`): each call ends the segments up to and including the next
 * flushed one (or all of them with `all`), after the decoder's held tail of audio.
 */
export function segmentEnder(
  decoder: PcmByteDecoder,
  segments: readonly SentSegment[],
): (all: boolean) => Generator<TtsPart> {
  let ended = 0;
  return function* endSegments(all: boolean): Generator<TtsPart> {
    const tail = decoder.flush();
    if (tail) yield { type: 'audio', chunk: tail };
    let flushedOne = false;
    while (ended < segments.length) {
      const segment = segments[ended];
      if (!segment || (segment.sent && flushedOne && !all)) return;
      if (segment.sent) flushedOne = true;
      ended++;
      yield { type: 'segment-end', text: segment.text };
    }
  };
}
