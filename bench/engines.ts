/**
 * 0. Local engines, one at a time: how soon each gives its first result and its
 * real-time factor (processing time ÷ audio time; below 1 is faster than real
 * time). Speech is flite kal16; every engine is the one `npm start` uses.
 */
import { createDialogueEngine } from '../src/providers/local/dialogue/index.ts';
import { createLocalEmbedder } from '../src/providers/local/embedder/index.ts';
import { createPocketsphinxStt } from '../src/providers/local/stt/index.ts';
import { createEspeakTts, createFliteTts } from '../src/providers/local/tts/index.ts';
import { createEnergyVad, createSileroVad } from '../src/providers/local/vad/index.ts';
import type { AudioChunk } from '../src/spec/audio.ts';
import type { SttInput, SttModel } from '../src/spec/stt.ts';
import type { TtsModel } from '../src/spec/tts.ts';
import type { Vad } from '../src/spec/vad.ts';
import { fliteSpeech } from './fakes/flite-speech.ts';
import { sleepMs } from './fakes/sleep.ts';
import type { BenchOptions, Figure, SectionResult } from './figures.ts';
import { median, round } from './stats.ts';

/** Two significant figures: real-time factors are small. */
const rtfRound = (x: number) => Number(x.toPrecision(2));

const RATE = 16_000;
const FRAME = 320; // 20 ms
const PHRASES = ['where is my order', 'i want a refund for my order', 'let me talk to a human'];
const SENTENCE = 'Your order shipped yesterday and should arrive on Friday.';

function frames(samples: Int16Array): AudioChunk[] {
  const out: AudioChunk[] = [];
  for (let i = 0; i < samples.length; i += FRAME) {
    out.push({ samples: samples.subarray(i, i + FRAME), sampleRate: RATE });
  }
  return out;
}

function withSilence(speech: Int16Array, trailingMs: number): Int16Array {
  const out = new Int16Array(speech.length + (trailingMs * RATE) / 1000);
  out.set(speech);
  return out;
}

function asIterable<T>(items: readonly T[]): AsyncIterable<T> {
  return {
    async *[Symbol.asyncIterator]() {
      for (const item of items) yield await Promise.resolve(item);
    },
  };
}

/** VAD over a whole clip as fast as it goes: real-time factor. */
async function vadRtf(vad: Vad, clips: readonly Int16Array[]): Promise<number> {
  let audioMs = 0;
  const started = performance.now();
  for (const clip of clips) {
    audioMs += (clip.length * 1000) / RATE;
    for await (const part of vad.stream({
      audio: asIterable(frames(clip)),
      signal: new AbortController().signal,
    })) {
      if (part.type === 'error') throw part.error;
    }
  }
  return (performance.now() - started) / audioMs;
}

/** STT fed in real time: end of audio → final, and the CPU share of the decoder. */
async function sttRun(
  stt: SttModel,
  clip: { readonly samples: Int16Array; readonly speechSamples: number },
  realTime: boolean,
): Promise<{ finalAfterEndMs: number; elapsedMs: number }> {
  let endedAt = 0;
  let fed = 0;
  let finalAt = 0;
  const started = performance.now();
  async function* audio(): AsyncGenerator<SttInput> {
    for (const chunk of frames(clip.samples)) {
      yield { type: 'audio', chunk };
      fed += chunk.samples.length;
      if (endedAt === 0 && fed >= clip.speechSamples) endedAt = performance.now();
      if (realTime) await sleepMs(20);
    }
  }
  const vocabulary = { phrases: PHRASES };
  for await (const part of stt.stream({
    audio: audio(),
    sampleRate: RATE,
    vocabulary,
    signal: new AbortController().signal,
  })) {
    if (part.type === 'final' && part.text !== '' && finalAt === 0) finalAt = performance.now();
    if (part.type === 'error') throw part.error;
  }
  return { finalAfterEndMs: finalAt - endedAt, elapsedMs: performance.now() - started };
}

/** TTS: first audio of a first sentence, and synthesis time ÷ audio time. */
async function ttsRun(tts: TtsModel): Promise<{ firstAudioMs: number; rtf: number }> {
  const started = performance.now();
  let firstAudioMs = 0;
  let audioMs = 0;
  for await (const part of tts.stream({
    text: asIterable([SENTENCE, SENTENCE, SENTENCE]),
    sampleRate: 24_000,
    signal: new AbortController().signal,
  })) {
    if (part.type === 'audio') {
      if (firstAudioMs === 0) firstAudioMs = performance.now() - started;
      audioMs += (part.chunk.samples.length * 1000) / part.chunk.sampleRate;
    }
    if (part.type === 'error') throw part.error;
  }
  return { firstAudioMs, rtf: (performance.now() - started) / audioMs };
}

export async function enginesSection(options: BenchOptions): Promise<SectionResult> {
  const trials = options.quick ? 2 : 5;
  const speech = await Promise.all(PHRASES.map((p) => fliteSpeech(p)));
  const clips = speech.map((s) => withSilence(s, 600));
  const sttClips = speech.map((s, i) => ({ samples: clips[i]!, speechSamples: s.length }));
  const figures: Figure[] = [];
  const details: Record<string, unknown> = {};

  const silero = createSileroVad();
  await vadRtf(silero, clips.slice(0, 1)); // load the model once, outside the timing
  const sileroRtf = median(await Promise.all([0, 1, 2].map(() => vadRtf(silero, clips))));
  const energyRtf = median([await vadRtf(createEnergyVad(), clips)]);
  figures.push(
    { name: 'Silero VAD real-time factor', value: rtfRound(sileroRtf), unit: 'x' },
    { name: 'energy VAD real-time factor', value: rtfRound(energyRtf), unit: 'x' },
  );
  options.log(`  VAD rtf silero ${rtfRound(sileroRtf)}, energy ${rtfRound(energyRtf)}`);

  const stt = createPocketsphinxStt();
  const finals: number[] = [];
  for (const clip of sttClips.slice(0, options.quick ? 1 : sttClips.length)) {
    finals.push((await sttRun(stt, clip, true)).finalAfterEndMs);
  }
  const fast = [];
  for (const clip of sttClips) fast.push(await sttRun(stt, clip, false));
  const audioMs = clips.reduce((ms, c) => ms + (c.length * 1000) / RATE, 0);
  const sttRtf = fast.reduce((ms, r) => ms + r.elapsedMs, 0) / audioMs;
  figures.push(
    {
      name: 'pocketsphinx: end of speech → final (p50)',
      value: round(median(finals)),
      unit: 'ms',
      note: 'the end of the flite speech in the clip; includes the 200 ms of silence that ends an utterance',
    },
    { name: 'pocketsphinx real-time factor (grammar + LM)', value: rtfRound(sttRtf), unit: 'x' },
  );
  details['sttFinalAfterEndMs'] = finals.map(round);
  options.log(`  STT final ${round(median(finals))} ms after speech end, rtf ${rtfRound(sttRtf)}`);

  for (const [name, make] of [
    ['espeak-ng', () => createEspeakTts()],
    ['flite kal16', () => createFliteTts({ voice: 'kal16' })],
  ] as const) {
    const runs = [];
    for (let i = 0; i < trials; i++) runs.push(await ttsRun(make()));
    const first = median(runs.map((r) => r.firstAudioMs));
    const rtf = median(runs.map((r) => r.rtf));
    figures.push(
      {
        name: `${name}: first audio of a sentence (p50)`,
        value: round(first),
        unit: 'ms',
        goal: { op: '<=', value: 50, label: '≤ 50 ms' },
      },
      { name: `${name} real-time factor`, value: rtfRound(rtf), unit: 'x' },
    );
    details[`tts ${name}`] = runs.map((r) => ({
      firstAudioMs: round(r.firstAudioMs),
      rtf: rtfRound(r.rtf),
    }));
    options.log(`  ${name} first audio ${round(first)} ms, rtf ${rtfRound(rtf)}`);
  }

  const engine = createDialogueEngine({
    script: {
      intents: [
        { name: 'status', examples: ['where is my order'], reply: 'It shipped yesterday.' },
      ],
      fallbackReply: 'Sorry?',
    },
  });
  const firstTokens: number[] = [];
  for (let i = 0; i < 50; i++) {
    const started = performance.now();
    for await (const part of engine.stream({
      messages: [{ role: 'user', content: 'um where is my order' }],
      signal: new AbortController().signal,
    })) {
      if (part.type === 'text-delta') {
        firstTokens.push(performance.now() - started);
        break;
      }
    }
  }
  const embedder = createLocalEmbedder();
  const embedMs: number[] = [];
  for (let i = 0; i < 50; i++) {
    const started = performance.now();
    await embedder.embed([`how long does a refund take ${i}`], new AbortController().signal);
    embedMs.push(performance.now() - started);
  }
  figures.push(
    {
      name: 'dialogue engine: first token (p50)',
      value: rtfRound(median(firstTokens)),
      unit: 'ms',
    },
    { name: 'local embedder: one query (p50)', value: rtfRound(median(embedMs)), unit: 'ms' },
  );

  return {
    id: 'engines',
    title: '0. Local engines',
    figures,
    notes: [
      `Speech: flite kal16 saying ${PHRASES.map((p) => `"${p}"`).join(', ')}, each with 600 ms of trailing silence.`,
      'VAD and STT real-time factors: the clips fed as fast as the engine takes them (after the Silero model is loaded). STT latency: the clip fed in real time (20 ms frames), from the frame where the speech ends to the final.',
      `TTS: "${SENTENCE}" three times as three chunks, output at 24 kHz; first audio is from the call to the first audio part; ${trials} runs each.`,
    ],
    details,
  };
}
