/**
 * 4. Semantic cache: a typed question goes through a session with the semantic
 * cache on the offline embedder. The first ask misses (fake LLM + TTS answer it and
 * the answer and its audio are stored); asking again in other words hits. Measured
 * from the end of the user's turn to the first agent audio (the turn's firstAudioMs).
 */
import { createSemanticCache } from '../src/cache/index.ts';
import { createLocalEmbedder } from '../src/providers/local/embedder/index.ts';
import type { TurnMetrics } from '../src/spec/metrics.ts';
import { createFakeSession } from './fakes/fake-session.ts';
import { pacedTts } from './fakes/paced-tts.ts';
import { sleepMs, waitUntil } from './fakes/sleep.ts';
import type { BenchOptions, SectionResult } from './figures.ts';
import { median, round, summarize } from './stats.ts';

const LLM_FIRST_TOKEN_MS = 350;
const TTS_FIRST_AUDIO_MS = 120;

/** Question, the same question asked again in other words, the answer. */
const CASES: readonly (readonly [string, string, string])[] = [
  [
    'How long does a refund take?',
    'how long does a refund take please',
    'Refunds reach your card within five working days.',
  ],
  [
    'What are your opening hours?',
    'What are your opening hours, please?',
    'We are open from eight until eight, every day.',
  ],
  [
    'How do I reset my router?',
    'How can I reset my router?',
    'Hold the reset button for ten seconds, then wait two minutes.',
  ],
  [
    'Where can I see my bill?',
    'Where can I see my bill online?',
    'Your bills are in the account page under billing.',
  ],
  [
    'How much does a technician visit cost?',
    'How much does a technician visit cost me?',
    'A technician visit is free when the fault is on our side.',
  ],
  [
    'Can I change my delivery address?',
    'Can I change the delivery address?',
    'Yes, until the order ships, from the orders page.',
  ],
];

interface CaseResult {
  readonly miss: TurnMetrics | undefined;
  readonly again: TurnMetrics | undefined;
}

async function runCase(
  cache: ReturnType<typeof createSemanticCache>,
  [question, paraphrase, answer]: readonly [string, string, string],
): Promise<CaseResult> {
  const { session, log } = createFakeSession({
    script: [],
    latencies: {},
    llm: { firstTokenDelayMs: LLM_FIRST_TOKEN_MS, tokenIntervalMs: 25, text: answer },
    ttsFirstAudioMs: TTS_FIRST_AUDIO_MS,
    msPerWord: 120,
    wrapTts: (tts) => pacedTts(tts, 0.2),
    cache,
  });
  try {
    session.sendText(question);
    await waitUntil(() => log.metrics.length >= 1, 'the first answer', 20_000);
    await sleepMs(200);
    session.sendText(paraphrase);
    await waitUntil(() => log.metrics.length >= 2, 'the second answer', 20_000);
    return { miss: log.metrics[0], again: log.metrics[1] };
  } finally {
    await session.close();
  }
}

export async function cacheSection(options: BenchOptions): Promise<SectionResult> {
  const embedder = createLocalEmbedder();
  const cache = createSemanticCache({ agentId: 'bench', embedder });
  const cases = options.quick ? CASES.slice(0, 2) : CASES;
  const results: CaseResult[] = [];
  try {
    for (const c of cases) results.push(await runCase(cache, c));
  } finally {
    await cache.close();
  }
  const misses = results.flatMap((r) => (r.miss?.cache?.hit === false ? [r.miss] : []));
  const hits = results.flatMap((r) => (r.again?.cache?.hit === true ? [r.again] : []));
  const missMs = misses.map((m) => m.firstAudioMs ?? Number.NaN);
  const hitMs = hits.map((m) => m.firstAudioMs ?? Number.NaN);
  const paraphraseMisses = results.length - hits.length;
  options.log(
    `  cache: miss p50 ${round(median(missMs))} ms, hit p50 ${round(median(hitMs))} ms (${hits.length}/${results.length} hits)`,
  );
  return {
    id: 'cache',
    title: '4. Semantic cache',
    figures: [
      { name: 'first audio after turn end, cache miss (p50)', value: median(missMs), unit: 'ms' },
      {
        name: 'first audio after turn end, cache hit (p50)',
        value: hits.length > 0 ? median(hitMs) : undefined,
        unit: 'ms',
        goal: { op: '<=', value: 50, label: '≤ 50 ms' },
        note:
          `${hits.length} of ${results.length} re-asked questions hit (threshold ${cache.threshold} with the ` +
          `offline hashed-n-gram embedder)` +
          (paraphraseMisses > 0
            ? '; the rest were answered by the LLM again and are not counted here'
            : '') +
          '. A hit replays the stored answer audio: no LLM, no TTS.',
      },
    ],
    notes: [
      `Typed turns (sendText), so the turn ends when the text arrives. Miss path: fake LLM first token ` +
        `${LLM_FIRST_TOKEN_MS} ms, 25 ms a word; fake TTS first audio ${TTS_FIRST_AUDIO_MS} ms, real-time factor 0.2.`,
      'Each case asks a question, then asks it again in other words in the same session.',
    ],
    details: {
      missMs: summarize(missMs),
      hitMs: summarize(hitMs),
      similarities: results.map((r) => r.again?.cache?.similarity),
    },
  };
}
