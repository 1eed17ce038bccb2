import {
  createPocketsphinxStt,
  type HeardUtterance,
  type PocketsphinxSttOptions,
} from '../src/providers/local/stt/index.ts';
import type { SttInput, SttVocabulary } from '../src/spec/stt.ts';
import { SAMPLE_RATE } from './voices.ts';

const CHUNK = (20 * SAMPLE_RATE) / 1000;

async function* chunks(clip: Int16Array): AsyncGenerator<SttInput> {
  for (let at = 0; at < clip.length; at += CHUNK) {
    yield await Promise.resolve({
      type: 'audio' as const,
      chunk: { samples: clip.subarray(at, at + CHUNK), sampleRate: SAMPLE_RATE },
    });
  }
}

export interface Transcript {
  /** The finals joined, as the session would read them. */
  readonly text: string;
  /** Every utterance the recogniser finished, with both decoders' hypotheses. */
  readonly utterances: readonly HeardUtterance[];
}

/**
 * Transcribes each clip in its own recogniser stream, as a new session would
 * hear it (the energy gate segments it; end of input finalises), joining its
 * finals. The shared language model makes the per-stream set-up cheap.
 */
export async function transcribeDetailed(
  clips: readonly Int16Array[],
  vocabulary: SttVocabulary,
  english: boolean,
  signal: AbortSignal,
  options: PocketsphinxSttOptions = {},
): Promise<Transcript[]> {
  let utterances: HeardUtterance[] = [];
  const stt = createPocketsphinxStt({
    fallback: english ? 'lm' : 'none',
    ...options,
    onUtterance: (utterance) => utterances.push(utterance),
  });
  const heard: Transcript[] = [];
  for (const clip of clips) {
    utterances = [];
    const finals: string[] = [];
    for await (const part of stt.stream({
      audio: chunks(clip),
      sampleRate: SAMPLE_RATE,
      vocabulary,
      signal,
    })) {
      // Vocabulary warnings (a word with no pronunciation) do not stop the stream.
      if (part.type === 'error') console.warn(`eval: recogniser: ${part.error.message}`);
      if (part.type === 'final' && part.text !== '') finals.push(part.text);
    }
    heard.push({ text: finals.join(' '), utterances });
  }
  return heard;
}

/** The joined finals of each clip (see transcribeDetailed). */
export async function transcribeClips(
  clips: readonly Int16Array[],
  vocabulary: SttVocabulary,
  english: boolean,
  signal: AbortSignal,
): Promise<string[]> {
  const heard = await transcribeDetailed(clips, vocabulary, english, signal);
  return heard.map((transcript) => transcript.text);
}
