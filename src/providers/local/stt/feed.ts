import { INPUT_SAMPLE_RATE } from '../../../spec/audio.ts';
import { AudioFormatError } from '../../../spec/errors.ts';
import type { SttInput, SttPart } from '../../../spec/stt.ts';
import { untilAborted } from '../../../stream/abort.ts';
import type { Denoiser } from './denoise.ts';
import { GatedFrames } from './gated-frames.ts';
import type { Recognizer } from './recognizer.ts';
import { GATE_FRAME_MS } from './speech-gate.ts';
import type { PendingParts, Utterances } from './utterances.ts';

/**
 * Audio taken from the input and not yet decoded, at most: beyond it the
 * stream waits for the decoders before taking more, so the session's lag
 * meter (audio given vs taken) still sees a recogniser that falls behind.
 */
export const MAX_BACKLOG_MS = 60;

export interface Feed {
  readonly audio: AsyncIterable<SttInput>;
  readonly recognizer: Recognizer;
  readonly utterances: Utterances;
  readonly denoiser: Denoiser | undefined;
  readonly signal: AbortSignal;
}

/**
 * Takes the input's audio and hands it to the utterances, which queue it for
 * the decoders on worker threads; the main thread is free while they decode.
 * When a frame leads to a result (an interim, a final) the stream yields it
 * before it takes more input, as when decoding was synchronous: the session
 * counts audio not yet taken as the recogniser's lag, and must never end a
 * turn on audio whose final is still coming.
 */
export async function* transcribe(feed: Feed): AsyncGenerator<SttPart> {
  const { recognizer, utterances, denoiser, signal } = feed;
  // The speech gate judges the audio as it came; the decoders hear it suppressed.
  const frames = new GatedFrames((INPUT_SAMPLE_RATE * GATE_FRAME_MS) / 1000, denoiser);
  const results = async function* (pending: PendingParts | undefined) {
    if (!pending) return;
    for (const part of await pending) {
      if (signal.aborted) return;
      yield part;
    }
  };
  /** The denoiser's held partial frame, then the framer's rest, end the utterance. */
  const finalize = async function* () {
    const held = frames.flush();
    for (const frame of held.frames) yield* results(utterances.frame(frame));
    yield* results(utterances.finalize(held.rest));
  };
  for await (const input of untilAborted(feed.audio, signal)) {
    if (input.type === 'finalize') {
      yield* finalize();
      continue;
    }
    if (input.chunk.sampleRate !== INPUT_SAMPLE_RATE) {
      yield formatError(input.chunk.sampleRate);
      continue;
    }
    for (const frame of frames.push(input.chunk.samples)) {
      yield* results(utterances.frame(frame));
      if (signal.aborted) return;
    }
    await recognizer.drained(MAX_BACKLOG_MS);
    if (signal.aborted) return;
  }
  if (!signal.aborted && recognizer.inUtterance) yield* finalize();
}

export function formatError(sampleRate: number): SttPart {
  return {
    type: 'error',
    error: new AudioFormatError(
      `pocketsphinx needs ${INPUT_SAMPLE_RATE} Hz PCM16, got ${sampleRate} Hz; resample first`,
    ),
  };
}
