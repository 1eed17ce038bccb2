import { INPUT_SAMPLE_RATE } from '../../../spec/audio.ts';
import { AudioFormatError } from '../../../spec/errors.ts';
import type { SttInput, SttPart } from '../../../spec/stt.ts';
import type { Channel } from '../../../stream/channel.ts';
import { untilAborted } from '../../../stream/abort.ts';
import type { Denoiser } from './denoise.ts';
import { Framer } from './framer.ts';
import type { Recognizer } from './recognizer.ts';
import { GATE_FRAME_MS } from './speech-gate.ts';
import type { PendingParts, Utterances } from './utterances.ts';

/**
 * Audio taken from the input and not yet decoded, at most: beyond it the
 * stream waits for the decoders before taking more, so the session's lag
 * meter (audio given vs taken) still sees a recogniser that falls behind.
 */
export const MAX_BACKLOG_MS = 100;

/** A result of the decoders, settled: what to yield, or the failure that ends the stream. */
export type Outcome = { readonly parts: SttPart[] } | { readonly error: unknown };

export interface Feed {
  readonly audio: AsyncIterable<SttInput>;
  readonly recognizer: Recognizer;
  readonly utterances: Utterances;
  readonly denoiser: Denoiser | undefined;
  /** Results in the order they were asked for; closed at the end of the input. */
  readonly results: Channel<Promise<Outcome>>;
  readonly signal: AbortSignal;
}

function settle(pending: PendingParts): Promise<Outcome> {
  return pending.then(
    (parts) => ({ parts }),
    (error: unknown) => ({ error }),
  );
}

/**
 * Takes the input's audio and hands it to the utterances (which queue it for
 * the decoders on worker threads), and each result the decoders will give to
 * `results`, in order. Never waits for a result, only for the backlog.
 */
export async function feedAudio(feed: Feed): Promise<void> {
  const { recognizer, utterances, denoiser, results, signal } = feed;
  const framer = new Framer((INPUT_SAMPLE_RATE * GATE_FRAME_MS) / 1000);
  /** The denoiser's held partial frame, then the framer's rest, end the utterance. */
  const finalize = async () => {
    if (denoiser) {
      for (const frame of framer.push(denoiser.flush())) {
        const pending = utterances.frame(frame);
        if (pending) await results.push(settle(pending));
      }
    }
    await results.push(settle(utterances.finalize(framer.flush())));
  };
  try {
    for await (const input of untilAborted(feed.audio, signal)) {
      if (input.type === 'finalize') {
        await finalize();
        continue;
      }
      if (input.chunk.sampleRate !== INPUT_SAMPLE_RATE) {
        await results.push(Promise.resolve({ parts: [formatError(input.chunk.sampleRate)] }));
        continue;
      }
      const samples = denoiser ? denoiser.push(input.chunk.samples) : input.chunk.samples;
      for (const frame of framer.push(samples)) {
        const pending = utterances.frame(frame);
        if (pending) await results.push(settle(pending));
      }
      await recognizer.drained(MAX_BACKLOG_MS);
    }
    if (!signal.aborted && recognizer.inUtterance) await finalize();
    results.close();
  } catch (error) {
    results.fail(error);
  }
}

export function formatError(sampleRate: number): SttPart {
  return {
    type: 'error',
    error: new AudioFormatError(
      `pocketsphinx needs ${INPUT_SAMPLE_RATE} Hz PCM16, got ${sampleRate} Hz; resample first`,
    ),
  };
}
