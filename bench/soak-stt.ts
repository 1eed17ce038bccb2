/**
 * The offline recogniser under load: N sessions at once, each decoding a spoken conversation
 * (café phrases, flite kal16, grammar + LM decoders) fed in real time in 20 ms chunks.
 * Reports the event loop's delay (p50/p99/max), its utilisation (the main thread's busy
 * share) and the time from the end of each utterance's audio to its final; then one session's
 * time from `finalize` to the final. Uses only the public STT API, so the same file measures
 * an older tree too.
 * Run: node --import tsx bench/soak-stt.ts [--sessions=1,4,8] [--utterances=6]
 */
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type { SttInput, SttVocabulary } from '../src/spec/stt.ts';
import { createPocketsphinxStt, phrasesToJsgf } from '../src/providers/local/stt/index.ts';
import {
  CAFE_PHRASES,
  CAFE_SLOTS,
  IN_GRAMMAR,
} from '../src/providers/local/stt/phrases.fixture.ts';
import { SAMPLE_RATE, synthesize } from '../src/providers/local/stt/test-speech.ts';

const CHUNK_MS = 20;
const CHUNK = (CHUNK_MS * SAMPLE_RATE) / 1000;
const TAIL_MS = 700;

function option(name: string, fallback: string): string {
  const found = process.argv.find((arg) => arg.startsWith(`--${name}=`));
  return found ? found.slice(name.length + 3) : fallback;
}

const sessionCounts = option('sessions', '1,4,8').split(',').map(Number);
const utteranceCount = Number(option('utterances', '6'));
const vocabulary: SttVocabulary = { grammar: phrasesToJsgf(CAFE_PHRASES, { slots: CAFE_SLOTS }) };
const stt = createPocketsphinxStt();

interface Clip {
  readonly samples: Int16Array;
  /** Sample index where each utterance's audio ends (its tail of silence starts). */
  readonly speechEnds: readonly number[];
}

async function spokenConversation(offset: number): Promise<Clip> {
  const texts = Array.from(
    { length: utteranceCount },
    (_, i) => IN_GRAMMAR[(offset + i) % IN_GRAMMAR.length] ?? 'yes please',
  );
  const clips = await Promise.all(texts.map((text) => synthesize(text, { tailMs: TAIL_MS })));
  const samples = new Int16Array(clips.reduce((sum, clip) => sum + clip.length, 0));
  const speechEnds: number[] = [];
  let at = 0;
  for (const clip of clips) {
    samples.set(clip, at);
    at += clip.length;
    speechEnds.push(at - (TAIL_MS * SAMPLE_RATE) / 1000);
  }
  return { samples, speechEnds };
}

/**
 * Feeds `samples` as a transport would: chunk i is due at start + 20·i ms; a late event loop
 * delivers every chunk that is due at once. `dueAt(sample)` is the wall time audio arrived.
 */
function pacedInput(samples: Int16Array, startMs: number) {
  async function* audio(): AsyncGenerator<SttInput> {
    for (let i = 0; i * CHUNK < samples.length; i++) {
      const waitMs = startMs + i * CHUNK_MS - performance.now();
      if (waitMs > 0) await sleep(waitMs);
      yield {
        type: 'audio',
        chunk: { samples: samples.subarray(i * CHUNK, (i + 1) * CHUNK), sampleRate: SAMPLE_RATE },
      };
    }
  }
  const dueAt = (sample: number) => startMs + Math.ceil(sample / CHUNK) * CHUNK_MS;
  return { audio, dueAt };
}

async function session(clip: Clip, startMs: number): Promise<number[]> {
  const { audio, dueAt } = pacedInput(clip.samples, startMs);
  const latencies: number[] = [];
  for await (const part of stt.stream({
    audio: audio(),
    sampleRate: SAMPLE_RATE,
    vocabulary,
    signal: new AbortController().signal,
  })) {
    if (part.type !== 'final' || !part.text) continue;
    const now = performance.now();
    // The utterance this final belongs to: the latest whose audio had ended by now.
    const ended = clip.speechEnds.filter((end) => dueAt(end) <= now);
    const end = ended.at(-1);
    if (end !== undefined) latencies.push(now - dueAt(end));
  }
  return latencies;
}

const percentile = (values: readonly number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
};

async function loadRun(sessions: number, clips: readonly Clip[]) {
  const delay = monitorEventLoopDelay({ resolution: 1 });
  const eluBefore = performance.eventLoopUtilization();
  delay.enable();
  const startMs = performance.now() + 200;
  const results = await Promise.all(
    Array.from({ length: sessions }, (_, i) =>
      session(clips[i % clips.length] as Clip, startMs + ((i * 137) % 1000)),
    ),
  );
  delay.disable();
  const elu = performance.eventLoopUtilization(eluBefore);
  const latencies = results.flat();
  const ms = (ns: number) => (ns / 1e6).toFixed(0);
  console.log(
    `N=${sessions}: loop delay p50 ${ms(delay.percentile(50))} p99 ${ms(delay.percentile(99))} max ${ms(delay.max)} ms; ` +
      `main thread busy ${(elu.utilization * 100).toFixed(0)} %; ` +
      `end of speech → final p50 ${percentile(latencies, 50).toFixed(0)} p90 ${percentile(latencies, 90).toFixed(0)} max ${Math.max(...latencies).toFixed(0)} ms ` +
      `(${latencies.length}/${sessions * utteranceCount} finals)`,
  );
}

/** One session, phrases one at a time: `finalize` right after the audio → the final. */
async function finalizeLatency(): Promise<void> {
  const times: number[] = [];
  for (const text of IN_GRAMMAR.slice(0, 8)) {
    const samples = await synthesize(text, { tailMs: 0 });
    const { audio } = pacedInput(samples, performance.now());
    let finalizeAt = 0;
    async function* withFinalize(): AsyncGenerator<SttInput> {
      yield* audio();
      finalizeAt = performance.now();
      yield { type: 'finalize' };
    }
    for await (const part of stt.stream({
      audio: withFinalize(),
      sampleRate: SAMPLE_RATE,
      vocabulary,
      signal: new AbortController().signal,
    })) {
      if (part.type === 'final' && part.text) times.push(performance.now() - finalizeAt);
    }
  }
  console.log(
    `one session: finalize → final p50 ${percentile(times, 50).toFixed(1)} ms, max ${Math.max(...times).toFixed(1)} ms (${times.length} phrases)`,
  );
}

const clips = await Promise.all([0, 3, 6, 9].map(spokenConversation));
// Warm-up: the shared language model and dictionaries are read once per process.
await loadRun(1, clips.slice(0, 1));
await finalizeLatency();
for (const sessions of sessionCounts) await loadRun(sessions, clips);
