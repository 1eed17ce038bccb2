/**
 * `node --import tsx bench/phone-wer.ts`: pocketsphinx word errors on human telephone speech.
 * Order numbers of four digits are spoken by joining Allison's recorded digits
 * (asterisk-core-sounds-en-wav, 8 kHz), sent through the phone codec (μ-law) and the phone
 * runner's 8 → 16 kHz resampler, and transcribed with and without a digits grammar.
 * Writes bench/results/phone-wer.json.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeMulaw, encodeMulaw } from '../src/audio/mulaw.ts';
import { concatInt16 } from '../src/audio/pcm.ts';
import { resample } from '../src/audio/resample.ts';
import { parseWav } from '../src/audio/wav.ts';
import type { SttVocabulary } from '../src/spec/stt.ts';
import { createPocketsphinxStt, phrasesToJsgf } from '../src/providers/local/stt/index.ts';
import { audioInputs, wordErrorRate } from '../src/providers/local/stt/test-speech.ts';

const WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];
const DIGITS_DIR = '/usr/share/asterisk/sounds/en_US_f_Allison/digits';
const clips = WORDS.map(
  (_, digit) => parseWav(readFileSync(join(DIGITS_DIR, `${digit}.wav`))).samples,
);
const COUNT = 20;

function orderNumbers(): number[][] {
  let seed = 17;
  const next = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % 10);
  return Array.from({ length: COUNT }, () => [next(), next(), next(), next()]);
}

/** 8 kHz speech of the digits with 120 ms between them, as it arrives over a μ-law line at 16 kHz. */
function phoneSpeech(digits: readonly number[]): Int16Array {
  const gap = new Int16Array(960);
  const parts = [
    new Int16Array(2400),
    ...digits.flatMap((digit) => [clips[digit]!, gap]),
    new Int16Array(8000),
  ];
  return resample(decodeMulaw(encodeMulaw(concatInt16(parts))), 8000, 16_000);
}

async function transcribe(samples: Int16Array, vocabulary?: SttVocabulary): Promise<string> {
  const stt = createPocketsphinxStt();
  const texts: string[] = [];
  for await (const part of stt.stream({
    audio: audioInputs(samples, { finalize: true }),
    sampleRate: 16_000,
    vocabulary,
    signal: new AbortController().signal,
  }))
    if (part.type === 'final' && part.text) texts.push(part.text);
  return texts.join(' ');
}

const digitsGrammar: SttVocabulary = {
  grammar: phrasesToJsgf(['{digits}', 'my order is {digits}']),
};
const results: Record<string, { wer: number; exact: number; examples: string[] }> = {};
for (const [label, vocabulary] of [
  ['open vocabulary', undefined],
  ['digits grammar', digitsGrammar],
] as const) {
  let errors = 0;
  let exact = 0;
  const examples: string[] = [];
  for (const digits of orderNumbers()) {
    const reference = digits.map((digit) => WORDS[digit]).join(' ');
    const heard = await transcribe(phoneSpeech(digits), vocabulary);
    const wer = wordErrorRate(reference, heard);
    errors += wer;
    if (wer === 0) exact++;
    if (examples.length < 4) examples.push(`"${reference}" → "${heard}"`);
  }
  results[label] = { wer: errors / COUNT, exact, examples };
  console.log(
    `${label}: WER ${((100 * errors) / COUNT).toFixed(1)} %, ${exact}/${COUNT} exact; ${examples.join('; ')}`,
  );
}
mkdirSync(join(import.meta.dirname, 'results'), { recursive: true });
writeFileSync(
  join(import.meta.dirname, 'results/phone-wer.json'),
  `${JSON.stringify(results, null, 2)}\n`,
);
