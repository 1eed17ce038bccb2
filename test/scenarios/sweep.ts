// What the barge-in policy makes of a short utterance over the agent, clip by clip, as the noise
// bed under it shifts: the real recogniser hears the clip (in 20 ms chunks, noise over a 3 s lead
// and all of it, as in a noisy scenario), its interims and finals are laid on a conversation
// table's timeline as they came (ms of audio fed), and the pure reducer decides. A sweep of the
// lead moves the part of the bed under the words, the way a scenario's frame alignment does.
//   node --import tsx test/scenarios/sweep.ts [text …] [--voices=flite-rms,flite-awb]
//     [--leads=3000:3200:20] [--clean] [--verbose] [--trace] [--no-readings]
//     [--record=clips.jsonl] [--replay=clips.jsonl] [--early=80:600] [--interim-every=160]
//     [--interruption=interimSettledMs=120]
// Prints, per text and voice, how many leads interrupted (and on what, ms after the true onset
// with the median), then a total. `--record=` keeps what was heard; `--replay=` judges it again
// (the policy only: the same recogniser output before and after a policy change).
import { setImmediate as nextTurn } from 'node:timers/promises';
import { createPocketsphinxStt } from '../../src/providers/local/stt/index.ts';
import { createSileroVad } from '../../src/providers/local/vad/index.ts';
import type { AudioChunk } from '../../src/spec/audio.ts';
import type { SttInput } from '../../src/spec/stt.ts';
import type { InterruptionConfig } from '../../src/spec/turn.ts';
import { listeningVocabulary } from '../../src/listen/listening-vocabulary.ts';
import { settledAfterRecheck } from '../../src/conversation/config.ts';
import { runConversationCase } from '../../src/testing/conversation-table.ts';
import { ClipMaker, noiseBed, type TestVoice } from '../../src/testing/speech/index.ts';
import { DESK_AGENT } from './agent.ts';
import { SNR_DB, SPEECH_CACHE_DIR } from './suite.ts';
import { readHeardClips, writeHeardClips, type HeardClip } from './sweep-record.ts';
import { ONSET_MS, overAgent, type HeardPart, type VadEdge } from './sweep-timeline.ts';

const RATE = 16_000;
const CHUNK = 320;
const TAIL_MS = 1_500;

const args = process.argv.slice(2);
const option = (name: string) =>
  args.find((a) => a.startsWith(`--${name}=`))?.slice(`--${name}=`.length);
const texts = args.filter((a) => !a.startsWith('--'));
const voices = (option('voices') ?? 'flite-rms,flite-awb,flite-slt').split(',') as TestVoice[];
const [fromMs, toMs, stepMs] = (option('leads') ?? '3000:3200:20').split(':').map(Number) as [
  number,
  number,
  number,
];
const noisy = !args.includes('--clean');
const verbose = args.includes('--verbose');
/** `--trace`: each clip's pauses, resumes and interrupt, not only the interrupt. */
const trace = args.includes('--trace');
/** `--no-readings`: the policy does not see the STT's alternative readings (as before they were given). */
const readings = !args.includes('--no-readings');
/** `--interruption=interimSettledMs=120,minInterruptingSpeechMs=700`: the policy's knobs, changed. */
const interruption = Object.fromEntries(
  (option('interruption') ?? '')
    .split(',')
    .filter((pair) => pair.includes('='))
    .map((pair) => [pair.split('=')[0], Number(pair.split('=')[1])]),
) as Partial<InterruptionConfig>;
const signal = new AbortController().signal;
const vocabulary = listeningVocabulary(DESK_AGENT.vocabulary, 'en-US');
/** `--early=80:600`: interims every 80 ms while an utterance is younger than 600 ms (pre-roll included). */
const [earlyEveryMs, earlyUntilMs] = (option('early') ?? '').split(':').map(Number);
/** `--interim-every=160`: the recogniser's interim period (its default otherwise). */
const interimEvery = option('interim-every');
const stt = createPocketsphinxStt({
  fallback: 'lm',
  ...(interimEvery !== undefined && { interimEveryMs: Number(interimEvery) }),
  ...(earlyEveryMs && earlyUntilMs
    ? { earlyInterimEveryMs: earlyEveryMs, earlyInterimUntilMs: earlyUntilMs }
    : {}),
});
const vad = createSileroVad();
const maker = new ClipMaker(SPEECH_CACHE_DIR);
const say = async (voice: TestVoice, text: string) =>
  maker.make({ voice, parts: [{ say: text }] }, signal);

/** The clip heard once: its parts with the ms of speech fed (from the speech's start) when each came. */
async function hear(samples: Int16Array, speechAtMs: number): Promise<HeardPart[]> {
  const parts: HeardPart[] = [];
  let fedMs = 0;
  async function* audio(): AsyncIterable<SttInput> {
    for (let at = 0; at < samples.length; at += CHUNK) {
      fedMs = (at + CHUNK) / (RATE / 1000);
      yield {
        type: 'audio',
        chunk: { samples: samples.subarray(at, at + CHUNK), sampleRate: RATE },
      };
      await nextTurn();
    }
  }
  for await (const part of stt.stream({ audio: audio(), sampleRate: RATE, vocabulary, signal })) {
    if (part.type === 'error') throw part.error;
    const alternatives = readings ? part.alternatives : undefined;
    const lastWord = part.type === 'final' ? part.words?.at(-1) : undefined;
    parts.push({
      kind: part.type,
      text: part.text,
      atMs: fedMs - speechAtMs,
      ...(alternatives && { alternatives }),
      ...(part.confidence !== undefined && { confidence: part.confidence }),
      ...(lastWord && { wordsEndedMs: lastWord.endMs - speechAtMs }),
    });
  }
  return parts;
}

/** The VAD's edges over the clip: when each came (ms fed) and the audio ms it names, from the true onset. */
async function edges(samples: Int16Array, speechAtMs: number): Promise<VadEdge[]> {
  const found: VadEdge[] = [];
  let fedMs = 0;
  async function* audio(): AsyncIterable<AudioChunk> {
    for (let at = 0; at < samples.length; at += CHUNK) {
      fedMs = (at + CHUNK) / (RATE / 1000);
      yield { samples: samples.subarray(at, at + CHUNK), sampleRate: RATE };
      await nextTurn();
    }
  }
  for await (const part of vad.stream({ audio: audio(), signal })) {
    if (part.type === 'error') throw part.error;
    found.push({ kind: part.type, atMs: fedMs - speechAtMs, namesMs: part.atMs - speechAtMs });
  }
  return found;
}

/** Every clip of the sweep, heard now or read back from `--replay=`. */
async function heardClips(): Promise<HeardClip[]> {
  const replay = option('replay');
  if (replay !== undefined) return readHeardClips(replay);
  const clips: HeardClip[] = [];
  for (const text of texts.length > 0 ? texts : ['right', 'uh-huh']) {
    for (const voice of voices) {
      const said = await say(voice, text);
      const reference = (await say(voice, 'My phone number is six five oh.')).samples;
      const bed = noisy ? await noiseBed(SPEECH_CACHE_DIR, reference, SNR_DB, signal) : undefined;
      for (let leadMs = fromMs; leadMs <= toMs; leadMs += stepMs) {
        const clip = new Int16Array(((leadMs + TAIL_MS) * RATE) / 1000 + said.samples.length);
        clip.set(said.samples, (leadMs * RATE) / 1000);
        if (bed) {
          for (let i = 0; i < clip.length; i++) {
            const v = clip[i]! + bed.samples[i % bed.samples.length]! * bed.gain;
            clip[i] = Math.max(-32768, Math.min(32767, Math.round(v)));
          }
        }
        const [heard, vad] = await Promise.all([
          hear(clip, leadMs + said.onsetMs),
          edges(clip, leadMs + said.onsetMs),
        ]);
        const { interimEveryMs } = stt.capabilities;
        clips.push({ text, voice, noisy, leadMs, heard, vad, interimEveryMs });
      }
    }
  }
  const record = option('record');
  if (record !== undefined) await writeHeardClips(record, clips);
  return clips;
}

/** What the clip's VAD edges and recogniser parts were, as one line. */
function described(clip: HeardClip): string {
  return [
    ...clip.vad.map((e) => `${e.kind}(${e.namesMs})@${e.atMs}`),
    ...clip.heard.map(
      (p) =>
        `${p.kind === 'final' ? 'F' : ''}"${[p.text, ...(p.alternatives ?? [])].join(' | ')}"@${p.atMs}`,
    ),
  ].join(' ');
}

const clips = await heardClips();
let interrupted = 0;
const allAfterOnsetMs: number[] = [];
const cells = new Map<string, HeardClip[]>();
for (const clip of clips) {
  const key = `${clip.text} ${clip.voice} ${clip.noisy ? 'noisy' : 'clean'}`;
  cells.set(key, [...(cells.get(key) ?? []), clip]);
}
for (const [key, cell] of cells) {
  const outcomes: string[] = [];
  const afterOnsetMs: number[] = [];
  for (const clip of cell) {
    // As a session would set it from the recogniser's capabilities, unless told otherwise.
    const recheck = settledAfterRecheck({
      ...stt.capabilities,
      interimEveryMs: clip.interimEveryMs ?? 160,
    });
    const policy = { ...recheck, ...interruption };
    const lines = runConversationCase({
      ...overAgent(clip.heard, clip.vad),
      interruption: policy,
    }).lines;
    const hit = lines.find((l) => l.includes('interrupt'));
    if (hit) {
      interrupted += 1;
      afterOnsetMs.push(Number(hit.split(' ')[0]) - ONSET_MS);
      allAfterOnsetMs.push(Number(hit.split(' ')[0]) - ONSET_MS);
    }
    const outcome = trace
      ? lines.filter((l) => /^\d+ (pause|resume|interrupt)/.test(l)).join(', ')
      : hit;
    if (verbose || hit) {
      outcomes.push(`  lead ${clip.leadMs}: ${outcome || 'held'}  ${described(clip)}`);
    }
  }
  afterOnsetMs.sort((a, b) => a - b);
  const median = afterOnsetMs[Math.floor(afterOnsetMs.length / 2)];
  const when = median === undefined ? '' : `, median ${median} ms after the onset`;
  console.log(`${key}: interrupted ${afterOnsetMs.length}/${cell.length}${when}`);
  for (const line of outcomes) console.log(line);
}
allAfterOnsetMs.sort((a, b) => a - b);
const allMedian = allAfterOnsetMs[Math.floor(allAfterOnsetMs.length / 2)];
const overall = allMedian === undefined ? '' : `, median ${allMedian} ms after the onset`;
console.log(`total: interrupted ${interrupted}/${clips.length}${overall}`);
