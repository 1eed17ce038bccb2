/**
 * 1. Pipeline overhead: sessions on fake providers with fixed latencies, run on the
 * real clock; overhead = (true speech end → first agent audio frame) minus the sum of
 * the scripted latencies on the critical path (endpointing silence, LLM first token,
 * TTS first audio). Measured at several concurrency levels, with silent 20 ms frames
 * pushed into every session in real time.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { DEFAULT_END_OF_TURN } from '../src/conversation/defaults.ts';
import type { FakeUtterance } from '../src/testing/index.ts';
import { createFakeSession } from './fakes/fake-session.ts';
import { SILENT_FRAME, startFrameTicker } from './fakes/frame-ticker.ts';
import { waitUntil } from './fakes/sleep.ts';
import type { BenchOptions, Figure, SectionResult } from './figures.ts';
import { round, summarize, type Summary } from './stats.ts';

const LATENCIES = { vadEndDelayMs: 0, sttFinalDelayMs: 100 };
const LLM_FIRST_TOKEN_MS = 200;
const TTS_FIRST_AUDIO_MS = 50;
const SPEECH_MS = 500;
const CYCLE_MS = 1400;
/** The critical path the fakes impose: silence to end a complete question, LLM, TTS. */
const NOMINAL_MS = DEFAULT_END_OF_TURN.completeSilenceMs + LLM_FIRST_TOKEN_MS + TTS_FIRST_AUDIO_MS;

interface LevelResult {
  readonly sessions: number;
  readonly turns: number;
  readonly overheadMs: Summary;
  readonly firstAudioMs: Summary;
  readonly eventLoopDelayP99Ms: number;
  readonly missedTurns: number;
  /** p99 of the k-th turn of every session: shows whether the tail is a warm-up effect. */
  readonly p99ByTurnMs: readonly number[];
}

async function runLevel(sessions: number, turnsEach: number): Promise<LevelResult> {
  // Leave time to create every session before the first utterance is due.
  const t0 = performance.now() + 300 + sessions * 3;
  const runs = Array.from({ length: sessions }, (_, index) => {
    // Spread sessions over one cycle so they do not all speak in the same millisecond.
    const offsetMs = sessions === 1 ? 0 : (index / sessions) * CYCLE_MS;
    const script: FakeUtterance[] = Array.from({ length: turnsEach }, (_, k) => {
      const startMs = t0 + offsetMs + k * CYCLE_MS;
      return { startMs, endMs: startMs + SPEECH_MS, transcript: 'Where is my order?' };
    });
    const run = createFakeSession({
      script,
      latencies: LATENCIES,
      llm: { firstTokenDelayMs: LLM_FIRST_TOKEN_MS, text: 'Sure.' },
      ttsFirstAudioMs: TTS_FIRST_AUDIO_MS,
    });
    return { ...run, script };
  });
  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  loopDelay.enable();
  const ticker = startFrameTicker(() => {
    for (const run of runs) run.session.pushAudio(SILENT_FRAME);
  });
  try {
    const lastEndMs = t0 + CYCLE_MS * (turnsEach + 1) + 5_000;
    await waitUntil(
      () => runs.every((r) => r.log.turnsEnded >= turnsEach) || performance.now() > lastEndMs,
      `${sessions} sessions to finish`,
      lastEndMs - performance.now() + 10_000,
      20,
    );
  } finally {
    ticker.stop();
    loopDelay.disable();
    await Promise.all(runs.map((r) => r.session.close()));
  }
  const overheads: number[] = [];
  const firstAudio: number[] = [];
  const byTurn: number[][] = Array.from({ length: turnsEach }, () => []);
  let missed = 0;
  for (const run of runs) {
    run.script.forEach((utterance, k) => {
      const atMs = run.log.firstAudioAtMs.get(k + 1);
      if (atMs === undefined) {
        missed++;
        return;
      }
      firstAudio.push(atMs - utterance.endMs);
      overheads.push(atMs - utterance.endMs - NOMINAL_MS);
      byTurn[k]?.push(atMs - utterance.endMs - NOMINAL_MS);
    });
  }
  return {
    sessions,
    turns: overheads.length,
    overheadMs: summarize(overheads),
    firstAudioMs: summarize(firstAudio),
    eventLoopDelayP99Ms: loopDelay.percentile(99) / 1e6,
    missedTurns: missed,
    p99ByTurnMs: byTurn.map((samples) => summarize(samples).p99),
  };
}

export async function overheadSection(options: BenchOptions): Promise<SectionResult> {
  const plan = options.quick
    ? [
        { sessions: 1, turns: 4 },
        { sessions: 20, turns: 2 },
      ]
    : [
        { sessions: 1, turns: 20 },
        { sessions: 50, turns: 6 },
        { sessions: 100, turns: 5 },
        { sessions: 200, turns: 4 },
      ];
  const levels: LevelResult[] = [];
  for (const step of plan) {
    if (options.signal.aborted) break;
    const level = await runLevel(step.sessions, step.turns);
    options.log(
      `  overhead @${level.sessions}: p50 ${round(level.overheadMs.p50)} p95 ${round(level.overheadMs.p95)} p99 ${round(level.overheadMs.p99)} ms (${level.turns} turns)`,
    );
    levels.push(level);
  }
  const figures: Figure[] = levels.flatMap((level): Figure[] => {
    const goal =
      level.sessions === 100
        ? { op: '<=' as const, value: 10, label: '≤ 10 ms at 100 sessions' }
        : undefined;
    return [
      {
        name: `overhead p50 @ ${level.sessions} sessions`,
        value: level.overheadMs.p50,
        unit: 'ms',
      },
      {
        name: `overhead p99 @ ${level.sessions} sessions`,
        value: level.overheadMs.p99,
        unit: 'ms',
        ...(goal && { goal }),
        note:
          `p50 ${round(level.overheadMs.p50)} / p95 ${round(level.overheadMs.p95)} / p99 ` +
          `${round(level.overheadMs.p99)} ms over ${level.turns} turns; event-loop delay p99 ` +
          `${round(level.eventLoopDelayP99Ms)} ms` +
          (level.missedTurns > 0 ? `; ${level.missedTurns} turns gave no audio` : ''),
      },
    ];
  });
  return {
    id: 'overhead',
    title: '1. Pipeline overhead',
    figures,
    notes: [
      `Fakes on the real clock: STT final ${LATENCIES.sttFinalDelayMs} ms after speech end, ` +
        `end-of-turn silence ${DEFAULT_END_OF_TURN.completeSilenceMs} ms (complete question), LLM first token ` +
        `${LLM_FIRST_TOKEN_MS} ms, TTS first audio ${TTS_FIRST_AUDIO_MS} ms; nominal critical path ${NOMINAL_MS} ms.`,
      'Overhead = (true speech end → first agent audio frame handed to the transport) − nominal. ' +
        'It includes timer lateness, the sentence chunker, history, output pacing and everything the ' +
        'session adds; it does not include the wire.',
      'Every session also receives a 20 ms silent frame every 20 ms (the audio input path is live).',
    ],
    details: { nominalMs: NOMINAL_MS, levels },
  };
}
