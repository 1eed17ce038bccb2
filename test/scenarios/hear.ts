// What pocketsphinx hears for short listener noises, voice by voice, clean and over noise: the
// interims (with the ms of utterance audio fed when each came) and what each decoder made of it.
//   node --import tsx test/scenarios/hear.ts [word …] [--voices=flite-awb,espeak] [--noisy]
//     [--interim-ms=160] [--pron='mhm=M HH M;…']
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { promisify } from 'node:util';
import { parseWav } from '../../src/audio/wav.ts';
import { resample } from '../../src/audio/resample.ts';
import { listeningVocabulary } from '../../src/listen/listening-vocabulary.ts';
import { createPocketsphinxStt, type HeardUtterance } from '../../src/providers/local/stt/index.ts';
import type { SttInput } from '../../src/spec/stt.ts';
import { ClipMaker, noiseBed, type TestVoice } from '../../src/testing/speech/index.ts';
import { DESK_AGENT } from './agent.ts';
import { BACKCHANNELS } from './scenarios.ts';
import { SNR_DB, SPEECH_CACHE_DIR } from './suite.ts';

const run = promisify(execFile);
const RATE = 16_000;
type Voice = TestVoice | 'espeak';

const args = process.argv.slice(2);
const words = args.filter((a) => !a.startsWith('--'));
const voicesArg = args.find((a) => a.startsWith('--voices='))?.slice('--voices='.length);
const voices = (voicesArg?.split(',') ?? [
  'flite-awb',
  'flite-slt',
  'flite-rms',
  'rhvoice-clb',
  'espeak',
]) as Voice[];
const noisyToo = args.includes('--noisy');
const signal = new AbortController().signal;
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

async function speech(voice: Voice, text: string): Promise<Int16Array> {
  if (voice === 'espeak') return espeak(text);
  return (await maker.make({ voice, parts: [{ say: text }] }, signal)).samples;
}

/** Lead and 1 s of tail, noise over all of it when `noisy` (3 s of it first, as in a call). */
async function padded(voice: Voice, samples: Int16Array, noisy: boolean): Promise<Int16Array> {
  const leadMs = noisy ? 3_000 : 1_000;
  const out = new Int16Array(samples.length + (leadMs / 1000 + 1) * RATE);
  out.set(samples, (leadMs / 1000) * RATE);
  lead = leadMs;
  if (!noisy) return out;
  const reference = await speech(voice, 'My phone number is six five oh.');
  const bed = await noiseBed(SPEECH_CACHE_DIR, reference, SNR_DB, signal);
  for (let i = 0; i < out.length; i++) {
    const v = out[i]! + bed.samples[i % bed.samples.length]! * bed.gain;
    out[i] = Math.max(-32768, Math.min(32767, Math.round(v)));
  }
  return out;
}

const pronArg = args.find((a) => a.startsWith('--pron='))?.slice('--pron='.length);
const base = listeningVocabulary(DESK_AGENT.vocabulary, 'en-US')!;
const vocabulary = pronArg
  ? {
      ...base,
      pronunciations: Object.fromEntries(
        pronArg.split(';').map((p) => p.split('=') as [string, string]),
      ),
    }
  : base;
const interimArg = args.find((a) => a.startsWith('--interim-ms='))?.slice('--interim-ms='.length);
const stt = createPocketsphinxStt({
  ...(interimArg !== undefined && { interimEveryMs: Number(interimArg) }),
  onUtterance: (u: HeardUtterance) => heard.push(u),
});
let heard: HeardUtterance[] = [];
let lead = 1_000;

async function hear(samples: Int16Array) {
  heard = [];
  const interims: string[] = [];
  let fedMs = 0;
  async function* audio(): AsyncIterable<SttInput> {
    for (let at = 0; at < samples.length; at += 320) {
      fedMs = at / 16;
      yield { type: 'audio', chunk: { samples: samples.subarray(at, at + 320), sampleRate: RATE } };
      await nextTurn();
    }
  }
  const finals: string[] = [];
  for await (const part of stt.stream({ audio: audio(), sampleRate: RATE, vocabulary, signal })) {
    if (part.type === 'interim') interims.push(`${part.text}@${fedMs - lead}`);
    else if (part.type === 'final') finals.push(part.text);
    else throw part.error;
  }
  return { interims, finals, heard: [...heard] };
}

for (const word of words.length > 0 ? words : BACKCHANNELS) {
  for (const voice of voices) {
    for (const noisy of noisyToo ? [false, true] : [false]) {
      const said = await speech(voice, word);
      const r = await hear(await padded(voice, said, noisy));
      const u = r.heard
        .map(
          (h) =>
            `[${h.source}: g="${h.candidates.grammar?.text ?? ''}" lm="${h.candidates.lm?.text ?? ''}" ${h.speechMs}ms${h.reported ? '' : ' dropped'}]`,
        )
        .join(' ');
      console.log(
        `${word.padEnd(8)} ${voice.padEnd(11)} ${noisy ? 'noisy' : 'clean'} ${String(Math.round(said.length / 16)).padStart(4)}ms` +
          ` final=${JSON.stringify(r.finals)} interims=${JSON.stringify(r.interims)} ${u}`,
      );
    }
  }
}
