/**
 * Accuracy, latency and CPU of the pocketsphinx STT on synthetic speech.
 * Run: node --import tsx src/providers/local/stt/measure.ts
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { SttInput, SttPart, SttVocabulary } from '../../../spec/stt.ts';
import { createPocketsphinxStt, phrasesToJsgf, type PocketsphinxSttOptions } from './index.ts';
import { CAFE_PHRASES, CAFE_SLOTS, IN_GRAMMAR, OUT_OF_GRAMMAR } from './phrases.fixture.ts';
import {
  audioInputs,
  conversation,
  SAMPLE_RATE,
  synthesize,
  wordErrorRate,
  type SpeechOptions,
} from './test-speech.ts';

const engineArgs = JSON.parse(process.env['ENGINE_ARGS'] ?? '{}') as Record<string, string>;
const only = process.env['ONLY'];
const vocabulary: SttVocabulary = { grammar: phrasesToJsgf(CAFE_PHRASES, { slots: CAFE_SLOTS }) };

async function finals(
  options: PocketsphinxSttOptions,
  audio: AsyncIterable<SttInput>,
  vocab?: SttVocabulary,
) {
  const parts: SttPart[] = [];
  const stt = createPocketsphinxStt({ ...options, engineArgs });
  for await (const part of stt.stream({
    audio,
    sampleRate: SAMPLE_RATE,
    vocabulary: vocab,
    signal: new AbortController().signal,
  })) {
    parts.push(part);
  }
  return parts.flatMap((part) => (part.type === 'final' && part.text ? [part.text] : [])).join(' ');
}

async function accuracy(
  label: string,
  speech: SpeechOptions,
  options: PocketsphinxSttOptions,
  vocab: SttVocabulary | undefined,
  texts: readonly string[],
) {
  let exact = 0;
  let errors = 0;
  let words = 0;
  let cpuMs = 0;
  let audioMs = 0;
  for (const text of texts) {
    const samples = await synthesize(text, speech);
    const before = process.cpuUsage();
    const heard = await finals(options, audioInputs(samples), vocab);
    const used = process.cpuUsage(before);
    cpuMs += (used.user + used.system) / 1000;
    audioMs += (samples.length / SAMPLE_RATE) * 1000;
    const refWords = text.split(' ').length;
    errors += wordErrorRate(text, heard) * refWords;
    words += refWords;
    if (heard === text) exact += 1;
    else if (process.env['VERBOSE']) console.log(`   ${text} → ${heard}`);
  }
  console.log(
    `${label.padEnd(44)} exact ${exact}/${texts.length}  WER ${((100 * errors) / words).toFixed(1)}%  CPU/audio ${(cpuMs / audioMs).toFixed(3)} (incl. decoder init)`,
  );
}

/**
 * Feeds audio in real time (20 ms chunks). Reports ms from the end of the last
 * word (by the final's word timing) to the final, or from finalize to the final.
 */
async function latency(text: string, useFinalize: boolean): Promise<number> {
  const samples = await synthesize(text, { tailMs: useFinalize ? 0 : 800 });
  const chunk = (20 * SAMPLE_RATE) / 1000;
  const fedAt: number[] = [];
  let finalizeAt = 0;
  async function* paced(): AsyncGenerator<SttInput> {
    for (let offset = 0; offset < samples.length; offset += chunk) {
      await sleep(20);
      yield {
        type: 'audio',
        chunk: { samples: samples.subarray(offset, offset + chunk), sampleRate: SAMPLE_RATE },
      };
      fedAt.push(performance.now());
    }
    if (useFinalize) {
      finalizeAt = performance.now();
      yield { type: 'finalize' };
    }
  }
  const stt = createPocketsphinxStt({ engineArgs });
  for await (const part of stt.stream({
    audio: paced(),
    sampleRate: SAMPLE_RATE,
    vocabulary,
    signal: new AbortController().signal,
  })) {
    if (part.type !== 'final' || !part.text) continue;
    if (useFinalize) return performance.now() - finalizeAt;
    const lastWordEndMs = part.words?.at(-1)?.endMs ?? 0;
    return performance.now() - (fedAt[Math.floor(lastWordEndMs / 20)] ?? Number.NaN);
  }
  return Number.NaN;
}

/** CPU per second of audio over one long stream (decoder start-up excluded). */
async function steadyRealTimeFactor(
  label: string,
  options: PocketsphinxSttOptions,
  vocab: SttVocabulary | undefined,
) {
  const samples = await conversation(IN_GRAMMAR);
  const stt = createPocketsphinxStt({ ...options, engineArgs });
  const inputs = audioInputs(samples);
  let before: NodeJS.CpuUsage | undefined;
  async function* timed(): AsyncGenerator<SttInput> {
    before = process.cpuUsage();
    yield* inputs;
  }
  const rssBefore = process.memoryUsage().rss;
  let rssPeak = rssBefore;
  for await (const part of stt.stream({
    audio: timed(),
    sampleRate: SAMPLE_RATE,
    vocabulary: vocab,
    signal: new AbortController().signal,
  })) {
    rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
    void part;
  }
  const used = process.cpuUsage(before);
  const rtf = (used.user + used.system) / 1000 / ((samples.length / SAMPLE_RATE) * 1000);
  console.log(
    `${label.padEnd(30)} real-time factor ${rtf.toFixed(3)} over ${(samples.length / SAMPLE_RATE).toFixed(0)} s, rss +${((rssPeak - rssBefore) / 1e6).toFixed(0)} MB`,
  );
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

const conditions: [string, SpeechOptions][] = [
  ['flite kal16 clean', {}],
  ['flite kal16 20 dB SNR', { snrDb: 20 }],
  ['espeak-ng clean', { engine: 'espeak' }],
  ['espeak-ng 20 dB SNR', { engine: 'espeak', snrDb: 20 }],
];
for (const [name, speech] of conditions.filter(([name]) => !only || name.includes(only))) {
  if (!process.env['OOG_ONLY']) {
    await accuracy(`${name}: grammar + LM`, speech, {}, vocabulary, IN_GRAMMAR);
    await accuracy(`${name}: grammar only`, speech, { fallback: 'none' }, vocabulary, IN_GRAMMAR);
    await accuracy(`${name}: LM only`, speech, {}, undefined, IN_GRAMMAR);
  }
  await accuracy(`${name}: out of grammar, grammar + LM`, speech, {}, vocabulary, OUT_OF_GRAMMAR);
}
const sample = IN_GRAMMAR.slice(0, 8);
const afterSilence: number[] = [];
const afterFinalize: number[] = [];
for (const text of sample) afterSilence.push(await latency(text, false));
for (const text of sample) afterFinalize.push(await latency(text, true));
console.log(
  `end of last word → final (200 ms hangover), median ${median(afterSilence).toFixed(0)} ms`,
);
console.log(`finalize → final, median ${median(afterFinalize).toFixed(0)} ms`);

await steadyRealTimeFactor('grammar + LM', {}, vocabulary);
await steadyRealTimeFactor('grammar only', { fallback: 'none' }, vocabulary);
await steadyRealTimeFactor('LM only', {}, undefined);
