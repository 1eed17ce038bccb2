/**
 * Test fixtures on real speech: utterances synthesised by flite / espeak-ng,
 * laid out between known silences, optionally with seeded white noise at a
 * given SNR. Used by the VAD tests only.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { resample } from '../../../audio/resample.ts';
import { parseWav } from '../../../audio/wav.ts';

const run = promisify(execFile);
export const FIXTURE_RATE = 16_000;

export type Engine = 'flite' | 'espeak-ng';

/** Synthesises `text` and returns it as 16 kHz PCM16. */
export async function synthesize(text: string, engine: Engine): Promise<Int16Array> {
  const dir = await mkdtemp(join(tmpdir(), 'parley-vad-'));
  try {
    const file = join(dir, 'speech.wav');
    if (engine === 'flite') await run('flite', ['-voice', 'kal16', '-t', text, '-o', file]);
    else await run('espeak-ng', ['-v', 'en-us', '-w', file, text]);
    const wav = parseWav(await readFile(file));
    return resample(wav.samples, wav.sampleRate, FIXTURE_RATE);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** First and last sample of the speech itself: 10 ms windows within 35 dB of the loudest one. */
export function speechExtent(samples: Int16Array): { startSample: number; endSample: number } {
  const window = FIXTURE_RATE / 100;
  const energies: number[] = [];
  for (let start = 0; start + window <= samples.length; start += window) {
    let sum = 0;
    for (let i = start; i < start + window; i++) sum += (samples[i] ?? 0) ** 2;
    energies.push(sum / window);
  }
  const floor = Math.max(...energies) * 10 ** -3.5;
  const first = energies.findIndex((energy) => energy > floor);
  const last = energies.findLastIndex((energy) => energy > floor);
  return { startSample: first * window, endSample: (last + 1) * window };
}

export interface Layout {
  readonly samples: Int16Array;
  /** True speech spans in ms from the start of `samples`. */
  readonly truth: readonly { readonly startMs: number; readonly endMs: number }[];
}

/** Puts each utterance after `gapMs` of silence, with `gapMs` of silence at the end too. */
export function layOut(utterances: readonly Int16Array[], gapMs: number): Layout {
  const gap = (gapMs * FIXTURE_RATE) / 1000;
  const total = utterances.reduce((sum, utterance) => sum + utterance.length + gap, gap);
  const samples = new Int16Array(total);
  const truth: { startMs: number; endMs: number }[] = [];
  let at = gap;
  for (const utterance of utterances) {
    samples.set(utterance, at);
    const extent = speechExtent(utterance);
    truth.push({
      startMs: ((at + extent.startSample) * 1000) / FIXTURE_RATE,
      endMs: ((at + extent.endSample) * 1000) / FIXTURE_RATE,
    });
    at += utterance.length + gap;
  }
  return { samples, truth };
}

/** Adds seeded Gaussian white noise so that speech power / noise power = snrDb. */
export function addNoise(layout: Layout, snrDb: number, seed = 1): Int16Array {
  let speechPower = 0;
  let speechCount = 0;
  for (const span of layout.truth) {
    const from = Math.round((span.startMs * FIXTURE_RATE) / 1000);
    const to = Math.round((span.endMs * FIXTURE_RATE) / 1000);
    for (let i = from; i < to; i++) speechPower += (layout.samples[i] ?? 0) ** 2;
    speechCount += to - from;
  }
  const sigma = Math.sqrt(speechPower / Math.max(1, speechCount) / 10 ** (snrDb / 10));
  return addGaussian(layout.samples, sigma, seed);
}

/** Adds Gaussian noise with standard deviation `sigma` (in PCM16 units). */
export function addGaussian(samples: Int16Array, sigma: number, seed = 1): Int16Array {
  let state = seed >>> 0 || 1;
  const uniform = (): number => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return ((state >>> 0) + 1) / 4294967297;
  };
  const out = new Int16Array(samples.length);
  for (let i = 0; i < samples.length; i++) {
    const gaussian = Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
    out[i] = Math.max(-32768, Math.min(32767, Math.round((samples[i] ?? 0) + sigma * gaussian)));
  }
  return out;
}

/** Splits samples into chunks of `chunkSamples` (odd sizes exercise re-framing). */
export async function* chunked(
  samples: Int16Array,
  chunkSamples: number,
  sampleRate = FIXTURE_RATE,
) {
  for (let at = 0; at < samples.length; at += chunkSamples) {
    yield { samples: samples.subarray(at, at + chunkSamples), sampleRate };
    await Promise.resolve();
  }
}
