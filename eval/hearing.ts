// Test speech heard by the offline recogniser the way a call hears it, for test/scenarios/hear.ts
// and eval/spot-words.ts: a voice says a text, noise over a lead-in and the whole clip if asked,
// fed in 20 ms chunks; what came out (interims with the ms of speech fed, finals, and each
// utterance as every decoder heard it).
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { promisify } from 'node:util';
import { parseWav } from '../src/audio/wav.ts';
import { resample } from '../src/audio/resample.ts';
import {
  createPocketsphinxStt,
  type HeardUtterance,
  type PocketsphinxSttOptions,
} from '../src/providers/local/stt/index.ts';
import type { SttInput, SttVocabulary } from '../src/spec/stt.ts';
import { ClipMaker, noiseBed, type TestVoice } from '../src/testing/speech/index.ts';
import { SNR_DB, SPEECH_CACHE_DIR } from '../test/scenarios/suite.ts';

const run = promisify(execFile);
const RATE = 16_000;
const CHUNK = 320;
export type HearingVoice = TestVoice | 'espeak';

const maker = new ClipMaker(SPEECH_CACHE_DIR);

async function espeak(text: string): Promise<Int16Array> {
  const dir = await mkdtemp(join(tmpdir(), 'parley-hear-'));
  try {
    const file = join(dir, 'x.wav');
    await run('espeak-ng', ['-v', 'en-us', '-w', file, text]);
    const wav = parseWav(new Uint8Array(await readFile(file)));
    return resample(wav.samples, wav.sampleRate, RATE);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** `text` said by `voice` at 16 kHz (test voices are cached in the scenarios' speech cache). */
export async function speech(
  voice: HearingVoice,
  text: string,
  signal: AbortSignal,
): Promise<Int16Array> {
  if (voice === 'espeak') return espeak(text);
  return (await maker.make({ voice, parts: [{ say: text }] }, signal)).samples;
}

export interface PaddedClip {
  readonly samples: Int16Array;
  /** Where the speech starts (ms). */
  readonly leadMs: number;
}

/** A lead (default 1 s, 3 s when noisy) and 1 s of tail; with `noisy`, the scenarios' noise bed over all of it. */
export async function padded(
  voice: HearingVoice,
  samples: Int16Array,
  noisy: boolean,
  signal: AbortSignal,
  leadMs = noisy ? 3_000 : 1_000,
): Promise<PaddedClip> {
  const out = new Int16Array(samples.length + (leadMs / 1000 + 1) * RATE);
  out.set(samples, (leadMs / 1000) * RATE);
  if (!noisy) return { samples: out, leadMs };
  const reference = await speech(voice, 'My phone number is six five oh.', signal);
  const bed = await noiseBed(SPEECH_CACHE_DIR, reference, SNR_DB, signal);
  for (let i = 0; i < out.length; i++) {
    const v = out[i]! + bed.samples[i % bed.samples.length]! * bed.gain;
    out[i] = Math.max(-32768, Math.min(32767, Math.round(v)));
  }
  return { samples: out, leadMs };
}

export interface Heard {
  /** Each interim with the ms of speech fed when it came (from the clip's speech start). */
  readonly interims: readonly { readonly text: string; readonly atMs: number }[];
  readonly finals: readonly string[];
  readonly utterances: readonly HeardUtterance[];
}

/** A recogniser that hears clips one stream each. */
export function createHearer(options: Omit<PocketsphinxSttOptions, 'onUtterance'> = {}) {
  let utterances: HeardUtterance[] = [];
  const stt = createPocketsphinxStt({ ...options, onUtterance: (u) => utterances.push(u) });
  return async function hear(
    clip: PaddedClip,
    vocabulary: SttVocabulary | undefined,
    signal: AbortSignal,
  ): Promise<Heard> {
    utterances = [];
    const interims: { text: string; atMs: number }[] = [];
    const finals: string[] = [];
    let fedMs = 0;
    async function* audio(): AsyncIterable<SttInput> {
      for (let at = 0; at < clip.samples.length; at += CHUNK) {
        fedMs = (at + CHUNK) / (RATE / 1000);
        const chunk = clip.samples.subarray(at, at + CHUNK);
        yield { type: 'audio', chunk: { samples: chunk, sampleRate: RATE } };
        await nextTurn();
      }
    }
    for await (const part of stt.stream({ audio: audio(), sampleRate: RATE, vocabulary, signal })) {
      if (part.type === 'interim') interims.push({ text: part.text, atMs: fedMs - clip.leadMs });
      else if (part.type === 'final') finals.push(part.text);
      else throw part.error;
    }
    return { interims, finals, utterances: [...utterances] };
  };
}
