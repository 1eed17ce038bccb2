import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { promisify } from 'node:util';
import { parseWav } from '../../../audio/wav.ts';
import { resample } from '../../../audio/resample.ts';
import type { SttInput } from '../../../spec/stt.ts';

/** Test helper: real synthetic speech (flite kal16 or espeak-ng) at 16 kHz, optionally noisy. */
const run = promisify(execFile);
export const SAMPLE_RATE = 16_000;

export interface SpeechOptions {
  readonly engine?: 'flite' | 'espeak';
  /** Mix in pink noise from sox at this speech-to-noise ratio. */
  readonly snrDb?: number;
  readonly leadMs?: number;
  readonly tailMs?: number;
}

export async function synthesize(text: string, options: SpeechOptions = {}): Promise<Int16Array> {
  const dir = await mkdtemp(join(tmpdir(), 'parley-stt-'));
  try {
    const file = join(dir, 'speech.wav');
    if (options.engine === 'espeak') await run('espeak-ng', ['-v', 'en-us', '-w', file, text]);
    else await run('flite', ['-voice', 'kal16', '-t', text, '-o', file]);
    const wav = parseWav(new Uint8Array(await readFile(file)));
    const speech =
      wav.sampleRate === SAMPLE_RATE
        ? wav.samples
        : resample(wav.samples, wav.sampleRate, SAMPLE_RATE);
    const padded = pad(speech, options.leadMs ?? 300, options.tailMs ?? 600);
    return options.snrDb === undefined ? padded : await addNoise(padded, options.snrDb);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Mixes in steady pink noise (from sox) `snrDb` below the level of the non-silent samples. */
export async function addNoise(samples: Int16Array, snrDb: number): Promise<Int16Array> {
  const dir = await mkdtemp(join(tmpdir(), 'parley-noise-'));
  try {
    const noise = await pinkNoise(dir, samples.length);
    const speechRms = rms(samples.filter((sample) => Math.abs(sample) > 64));
    return mix(samples, noise, speechRms / rms(noise) / 10 ** (snrDb / 20));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Utterances one after another (each with its lead and tail silence), noise over the whole. */
export async function conversation(
  texts: readonly string[],
  options: SpeechOptions = {},
): Promise<Int16Array> {
  const clips = await Promise.all(
    texts.map((text) => synthesize(text, { ...options, snrDb: undefined })),
  );
  const joined = new Int16Array(clips.reduce((sum, clip) => sum + clip.length, 0));
  let offset = 0;
  for (const clip of clips) {
    joined.set(clip, offset);
    offset += clip.length;
  }
  return options.snrDb === undefined ? joined : addNoise(joined, options.snrDb);
}

async function pinkNoise(dir: string, length: number): Promise<Int16Array> {
  const file = join(dir, 'noise.wav');
  const seconds = (length / SAMPLE_RATE + 0.1).toFixed(2);
  await run('sox', [
    '-R',
    '-n',
    '-r',
    '16000',
    '-c',
    '1',
    '-b',
    '16',
    file,
    'synth',
    seconds,
    'pinknoise',
    'vol',
    '0.3',
  ]);
  return parseWav(new Uint8Array(await readFile(file))).samples.subarray(0, length);
}

function pad(samples: Int16Array, leadMs: number, tailMs: number): Int16Array {
  const lead = (leadMs * SAMPLE_RATE) / 1000;
  const out = new Int16Array(lead + samples.length + (tailMs * SAMPLE_RATE) / 1000);
  out.set(samples, lead);
  return out;
}

function rms(samples: Int16Array): number {
  let sum = 0;
  for (const sample of samples) sum += sample * sample;
  return Math.sqrt(sum / Math.max(1, samples.length));
}

function mix(speech: Int16Array, noise: Int16Array, noiseGain: number): Int16Array {
  return speech.map((sample, i) =>
    Math.max(-32768, Math.min(32767, Math.round(sample + (noise[i] ?? 0) * noiseGain))),
  );
}

/** Feeds `samples` as 20 ms audio inputs, optionally followed by a finalize. */
export async function* audioInputs(
  samples: Int16Array,
  options: { chunkMs?: number; finalize?: boolean; sampleRate?: number } = {},
): AsyncGenerator<SttInput> {
  const chunk = ((options.chunkMs ?? 20) * SAMPLE_RATE) / 1000;
  for (let offset = 0; offset < samples.length; offset += chunk) {
    await nextTurn();
    yield {
      type: 'audio',
      chunk: {
        samples: samples.subarray(offset, offset + chunk),
        sampleRate: options.sampleRate ?? SAMPLE_RATE,
      },
    };
  }
  if (options.finalize) yield { type: 'finalize' };
}

/** Word error rate: word-level edit distance over the reference length. */
export function wordErrorRate(reference: string, hypothesis: string): number {
  const ref = reference.toLowerCase().split(/\s+/).filter(Boolean);
  const hyp = hypothesis.toLowerCase().split(/\s+/).filter(Boolean);
  let previous = Array.from({ length: hyp.length + 1 }, (_, j) => j);
  ref.forEach((word, i) => {
    const current = [i + 1];
    hyp.forEach((other, j) => {
      current.push(
        Math.min(
          (previous[j] ?? 0) + (word === other ? 0 : 1),
          (previous[j + 1] ?? 0) + 1,
          (current[j] ?? 0) + 1,
        ),
      );
    });
    previous = current;
  });
  return (previous[hyp.length] ?? 0) / Math.max(1, ref.length);
}
