/**
 * Real audio for the echo tests and bench: the agent's own speech (espeak-ng or flite) as
 * sent (24 kHz), and what a microphone picks up of it — resampled to 16 kHz, room reverb from
 * sox, attenuated, delayed, with pink noise, optionally with a person talking over it.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { resample } from '../../src/audio/resample.ts';
import { encodeWav, parseWav } from '../../src/audio/wav.ts';
import { renderVoice, toPcm16k, type TestVoice } from '../../src/testing/speech/voices.ts';

const run = promisify(execFile);
export const AGENT_RATE = 24_000;
export const MIC_RATE = 16_000;

export type Voice = 'espeak' | 'flite';

/** Speech from a local engine at `rate`: espeak-ng en-us, or flite's kal16 voice. */
export async function speech(text: string, voice: Voice, rate: number): Promise<Int16Array> {
  return withDir(async (dir) => {
    const file = join(dir, 'speech.wav');
    if (voice === 'espeak') await run('espeak-ng', ['-v', 'en-us', '-s', '165', '-w', file, text]);
    else await run('flite', ['-voice', 'kal16', '-t', text, '-o', file]);
    const wav = parseWav(new Uint8Array(await readFile(file)));
    return wav.sampleRate === rate ? wav.samples : resample(wav.samples, wav.sampleRate, rate);
  });
}

/** Speech in one of the project's held-apart test voices (src/testing/speech), at `rate`. */
export async function voiceSpeech(
  text: string,
  voice: TestVoice,
  rate: number,
): Promise<Int16Array> {
  return withDir(async (dir) => {
    const raw = join(dir, 'raw.wav');
    const file = join(dir, 'speech.wav');
    const signal = AbortSignal.timeout(30_000);
    await renderVoice(voice, text, raw, signal);
    await toPcm16k(raw, file, signal);
    const samples = parseWav(new Uint8Array(await readFile(file))).samples;
    return rate === MIC_RATE ? samples : resample(samples, MIC_RATE, rate);
  });
}

export interface EchoPath {
  /** Level of the echo relative to the agent audio, in dB (-3, -9, -20). */
  readonly gainDb: number;
  readonly delayMs: number;
  /** Room reverberation with sox `reverb` (reverberance %), or none. */
  readonly reverb?: number;
  /** Pink noise level, dBFS RMS; none when undefined. */
  readonly noiseDbfs?: number;
}

/** What the microphone hears of `agent24k` (16 kHz, same duration plus the delay). */
export async function echoOf(agent24k: Int16Array, path: EchoPath): Promise<Int16Array> {
  let echo = resample(agent24k, AGENT_RATE, MIC_RATE);
  if (path.reverb !== undefined) echo = await reverb(echo, path.reverb);
  const gain = 10 ** (path.gainDb / 20);
  const delay = Math.round((path.delayMs * MIC_RATE) / 1000);
  const out = new Float64Array(delay + echo.length);
  for (let i = 0; i < echo.length; i++) out[delay + i] = echo[i]! * gain;
  if (path.noiseDbfs !== undefined) {
    const noise = await pinkNoise(out.length, path.noiseDbfs);
    for (let i = 0; i < out.length; i++) out[i]! += noise[i]!;
  }
  return toInt16(out);
}

/** Adds `voice` into `mic` starting at `atMs`, at `gainDb`. */
export function mixIn(mic: Int16Array, voice: Int16Array, atMs: number, gainDb = 0): Int16Array {
  const start = Math.round((atMs * MIC_RATE) / 1000);
  const out = Float64Array.from(mic);
  const gain = 10 ** (gainDb / 20);
  for (let i = 0; i < voice.length && start + i < out.length; i++)
    out[start + i]! += voice[i]! * gain;
  return toInt16(out);
}

async function reverb(samples: Int16Array, reverberance: number): Promise<Int16Array> {
  return withDir(async (dir) => {
    const input = join(dir, 'dry.wav');
    const output = join(dir, 'wet.wav');
    await writeFile(input, encodeWav(samples, MIC_RATE));
    // reverberance %, HF damping 50 %, room scale 60 %; the tail is kept (sox pads it).
    await run('sox', [input, output, 'reverb', String(reverberance), '50', '60']);
    return parseWav(new Uint8Array(await readFile(output))).samples;
  });
}

/** A room's impulse response at 16 kHz: sox reverb of a click, attenuated by `gainDb`. */
export async function roomImpulseResponse(
  reverberance: number,
  gainDb: number,
  lengthMs: number,
): Promise<Float64Array> {
  const click = new Int16Array(MIC_RATE / 2);
  click[0] = 16_384;
  const wet = await reverb(click, reverberance);
  const taps = Math.round((lengthMs * MIC_RATE) / 1000);
  const gain = 10 ** (gainDb / 20) / 16_384;
  return Float64Array.from(wet.subarray(0, taps), (sample) => sample * gain);
}

/** Pink noise at `levelDbfs` (RMS), 16 kHz. */
export async function pinkNoise(length: number, levelDbfs: number): Promise<Float64Array> {
  return withDir(async (dir) => {
    const file = join(dir, 'noise.wav');
    const seconds = (length / MIC_RATE + 0.1).toFixed(2);
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
    const noise = parseWav(new Uint8Array(await readFile(file))).samples.subarray(0, length);
    let sum = 0;
    for (const sample of noise) sum += sample * sample;
    const gain = (32768 * 10 ** (levelDbfs / 20)) / Math.sqrt(sum / noise.length);
    return Float64Array.from(noise, (sample) => sample * gain);
  });
}

function toInt16(values: Float64Array): Int16Array {
  return Int16Array.from(values, (v) => Math.max(-32768, Math.min(32767, Math.round(v))));
}

async function withDir<T>(body: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'parley-echo-'));
  try {
    return await body(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
