/**
 * 2. Streaming vs sequential: the same fakes and a three-sentence answer through a
 * Parley session and through the naive sequential orchestrator; time from the true
 * end of the user's speech to the first agent audio.
 */
import { systemClock } from '../src/stream/system-clock.ts';
import {
  createFakeLlm,
  createFakeStt,
  createFakeTts,
  createFakeVad,
  type FakeUtterance,
} from '../src/testing/index.ts';
import { DEFAULT_END_OF_TURN } from '../src/conversation/defaults.ts';
import { BENCH_AGENT, createFakeSession } from './fakes/fake-session.ts';
import { pacedTts } from './fakes/paced-tts.ts';
import { waitUntil } from './fakes/sleep.ts';
import type { BenchOptions, SectionResult } from './figures.ts';
import { runSequentialTurn } from './sequential.ts';
import { median, round, summarize } from './stats.ts';

const ANSWER =
  'Your order four five seven one left our Leeds warehouse yesterday afternoon. ' +
  'It is with the courier now and should reach you on Friday before noon. ' +
  'I will send the tracking link by text message as soon as the courier shares it.';
const LATENCIES = { vadEndDelayMs: 0, sttFinalDelayMs: 150 };
const LLM = { firstTokenDelayMs: 350, tokenIntervalMs: 25, text: ANSWER };
const TTS_FIRST_AUDIO_MS = 120;
const TTS_REAL_TIME_FACTOR = 0.2;
const MS_PER_WORD = 300;

function utteranceAt(startMs: number): FakeUtterance {
  return { startMs, endMs: startMs + 1200, transcript: 'Where is my order?' };
}

async function parleyTrial(startMs: number): Promise<number> {
  const utterance = utteranceAt(startMs);
  const { session, log } = createFakeSession({
    script: [utterance],
    latencies: LATENCIES,
    llm: LLM,
    ttsFirstAudioMs: TTS_FIRST_AUDIO_MS,
    msPerWord: MS_PER_WORD,
    wrapTts: (tts) => pacedTts(tts, TTS_REAL_TIME_FACTOR),
  });
  try {
    await waitUntil(() => log.firstAudioAtMs.has(1), 'Parley first audio', 20_000);
    return (log.firstAudioAtMs.get(1) ?? Number.NaN) - utterance.endMs;
  } finally {
    await session.close();
  }
}

async function sequentialTrial(startMs: number, signal: AbortSignal): Promise<number> {
  const utterance = utteranceAt(startMs);
  const clock = systemClock;
  const turn = await runSequentialTurn(
    {
      vad: createFakeVad({ clock, script: [utterance], latencies: LATENCIES }),
      stt: createFakeStt({ clock, script: [utterance], latencies: LATENCIES }),
      llm: createFakeLlm({ clock, responses: LLM }),
      tts: pacedTts(
        createFakeTts({ clock, firstAudioDelayMs: TTS_FIRST_AUDIO_MS, msPerWord: MS_PER_WORD }),
        TTS_REAL_TIME_FACTOR,
      ),
    },
    {
      silenceMs: DEFAULT_END_OF_TURN.completeSilenceMs,
      systemPrompt: BENCH_AGENT.systemPrompt,
      signal,
    },
  );
  if (turn.replyText.trim() !== ANSWER) throw new Error('sequential baseline got another reply');
  return turn.firstAudioAtMs - utterance.endMs;
}

export async function streamingVsSequentialSection(options: BenchOptions): Promise<SectionResult> {
  const trials = options.quick ? 3 : 10;
  const t0 = performance.now() + 200;
  // Trials overlap in time but are staggered by 150 ms; both orchestrators run side by side.
  const [parley, sequential] = await Promise.all([
    Promise.all(Array.from({ length: trials }, (_, i) => parleyTrial(t0 + i * 150))),
    Promise.all(
      Array.from({ length: trials }, (_, i) => sequentialTrial(t0 + 75 + i * 150, options.signal)),
    ),
  ]);
  const ratio = median(parley) / median(sequential);
  options.log(
    `  first audio: Parley p50 ${round(median(parley))} ms, sequential p50 ${round(median(sequential))} ms, ratio ${ratio.toFixed(2)}`,
  );
  return {
    id: 'streaming',
    title: '2. Streaming vs sequential',
    figures: [
      { name: 'first audio, Parley (p50)', value: median(parley), unit: 'ms' },
      { name: 'first audio, sequential (p50)', value: median(sequential), unit: 'ms' },
      {
        name: 'streaming ÷ sequential time to first audio',
        value: ratio,
        unit: 'x',
        goal: { op: '<=', value: 0.35, label: '≤ 0.35' },
        note:
          `ratio of medians over ${trials} trials each. The ratio depends on the scripted ` +
          'latencies and answer length (a longer answer or slower LLM/TTS widens the gap).',
      },
    ],
    notes: [
      `Same fakes both ways: STT final ${LATENCIES.sttFinalDelayMs} ms after speech end, end-of-turn silence ` +
        `${DEFAULT_END_OF_TURN.completeSilenceMs} ms, LLM first token ${LLM.firstTokenDelayMs} ms then ` +
        `${LLM.tokenIntervalMs} ms a word (${ANSWER.split(' ').length} words, 3 sentences), TTS first audio ` +
        `${TTS_FIRST_AUDIO_MS} ms and synthesis at real-time factor ${TTS_REAL_TIME_FACTOR} ` +
        `(${MS_PER_WORD} ms of audio a word).`,
      'The sequential baseline (bench/sequential.ts) waits for VAD end + the same silence and the STT final, ' +
        'collects the whole LLM reply, sends it to the TTS as ONE chunk (one first-audio delay, not three: ' +
        'kind to the baseline) and collects all audio before the first frame.',
    ],
    details: { parleyMs: summarize(parley), sequentialMs: summarize(sequential), ratio },
  };
}
