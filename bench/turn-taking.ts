/**
 * 7. Turn-taking on spoken scenarios (issue 11): the real server in child processes (Silero VAD,
 * pocketsphinx, the scripted dialogue engine, RHVoice clb — the best installed English voice), a client that speaks the browser
 * protocol in real time, and test speech from voices the project does not otherwise use
 * (flite slt/awb/rms, RHVoice clb/bdl, Pico en-US), clean and over pink noise.
 * Times are from the moment the client sends the frame holding the true speech onset (or end).
 */
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { TestVoice } from '../src/testing/speech/index.ts';
import {
  BACKCHANNELS,
  BARGE_IN_TEXT,
  SCENARIOS,
  UNEXPECTED_PHRASINGS,
} from '../test/scenarios/scenarios.ts';
import {
  runCells,
  ScenarioSuite,
  SNR_DB,
  type Cell,
  type CellResult,
} from '../test/scenarios/suite.ts';
import { renderTable } from '../test/scenarios/table.ts';
import {
  bargeInStages,
  stageMedians as bargeInMedians,
} from '../test/scenarios/barge-in-stages.ts';
import type { BenchOptions, SectionResult } from './figures.ts';
import { median, summarize } from './stats.ts';

const ALL_VOICES: readonly TestVoice[] = [
  'flite-slt',
  'flite-awb',
  'flite-rms',
  'rhvoice-clb',
  'rhvoice-bdl',
  'pico-en-US',
];
const QUICK_VOICES: readonly TestVoice[] = ['flite-slt'];

/** Onset → agent silent and → interrupt, from a barge-in cell that was interrupted. */
function bargeInTimes(result: CellResult): { silentMs: number; interruptMs: number } | undefined {
  const rec = result.recording;
  const onsetMs = rec?.spansSentAtMs[0]?.startMs;
  if (rec === undefined || onsetMs === undefined) return undefined;
  const interrupt = rec.messages.find(
    (r) =>
      r.message.type === 'interrupt' &&
      r.message['turnId'] === rec.triggerTurnId &&
      r.atMs >= onsetMs,
  );
  if (interrupt === undefined) return undefined;
  const frames = rec.frames.filter((f) => f.turnId === rec.triggerTurnId);
  const lastFrameMs = Math.max(...frames.map((f) => f.atMs));
  return { silentMs: lastFrameMs - onsetMs, interruptMs: interrupt.atMs - onsetMs };
}

/** True end of speech → first agent audio of the user's turn. */
function replyTime(result: CellResult): number | undefined {
  const rec = result.recording;
  const endMs = rec?.spansSentAtMs.at(-1)?.endMs;
  if (rec === undefined || endMs === undefined) return undefined;
  const turn = rec.messages.find((r) => r.message.type === 'turn.start' && r.atMs >= endMs - 2_000);
  const frame = rec.frames.find((f) => f.turnId === turn?.message['turnId']);
  return frame === undefined ? undefined : frame.atMs - endMs;
}

/** Where the time of an answered phrasing went: the server's own metrics and the VAD's end. */
interface ReplyBreakdown {
  readonly vadEndMs: number;
  readonly endpointingMs: number;
  readonly sttFinalMs: number;
  readonly llmFirstTokenMs: number;
  readonly ttsFirstAudioMs: number;
  readonly serverFirstAudioMs: number;
}

function replyBreakdown(result: CellResult): Partial<ReplyBreakdown> | undefined {
  const rec = result.recording;
  const endMs = rec?.spansSentAtMs.at(-1)?.endMs;
  if (rec === undefined || endMs === undefined) return undefined;
  const turn = rec.messages.find((r) => r.message.type === 'turn.start' && r.atMs >= endMs - 2_000);
  const turnId = turn?.message['turnId'];
  const metrics = rec.messages.find(
    (r) =>
      r.message.type === 'metrics.turn' &&
      (r.message['metrics'] as Record<string, unknown> | undefined)?.['turnId'] === turnId,
  )?.message['metrics'] as Record<string, number | undefined> | undefined;
  const speechEnd = rec.messages.find(
    (r) => r.message.type === 'user.speech-end' && r.atMs >= endMs - 500,
  );
  return {
    ...(speechEnd && { vadEndMs: speechEnd.atMs - endMs }),
    endpointingMs: metrics?.['endpointingMs'],
    sttFinalMs: metrics?.['sttFinalMs'],
    llmFirstTokenMs: metrics?.['llmFirstTokenMs'],
    ttsFirstAudioMs: metrics?.['ttsFirstAudioMs'],
    serverFirstAudioMs: metrics?.['firstAudioMs'],
  };
}

/** The p50 of each stage a reply went through, as one line (ms). */
function stageMedians(parts: readonly Partial<ReplyBreakdown>[]): string {
  const stages = [
    'vadEndMs',
    'endpointingMs',
    'sttFinalMs',
    'llmFirstTokenMs',
    'ttsFirstAudioMs',
    'serverFirstAudioMs',
  ] as const;
  return stages.map((key) => `${key} ${medianOf(parts, key) ?? '–'}`).join(', ');
}

function medianOf(parts: readonly Partial<ReplyBreakdown>[], key: keyof ReplyBreakdown) {
  const values = parts.map((p) => p[key]).filter((v): v is number => typeof v === 'number');
  return values.length === 0 ? undefined : Math.round(median(values));
}

export async function turnTakingSection(options: BenchOptions): Promise<SectionResult> {
  const voices = options.quick ? QUICK_VOICES : ALL_VOICES;
  const conditions = options.quick ? [false] : [false, true];
  const cells: Cell[] = [];
  for (const scenario of SCENARIOS)
    for (const voice of voices)
      for (const noisy of conditions) cells.push({ scenario, voice, noisy });
  const phrasingCells: Cell[] = UNEXPECTED_PHRASINGS.flatMap((scenario) =>
    voices.map((voice) => ({ scenario, voice, noisy: false })),
  );
  const suite = await ScenarioSuite.start(2, options.signal);
  let results: CellResult[];
  let phrasings: CellResult[];
  try {
    options.log(
      `  turn-taking: ${cells.length + phrasingCells.length} spoken sessions, 4 at a time…`,
    );
    results = await runCells(suite, cells, 4, options.signal);
    phrasings = await runCells(suite, phrasingCells, 4, options.signal);
  } finally {
    await suite.close();
  }
  const table = renderTable(results);
  options.log(`\n${table}\n`);

  const bargeIns = results.filter((r) => r.scenario.id.startsWith('barge-in'));
  const times = bargeIns.map(bargeInTimes).filter((t) => t !== undefined);
  const silent = times.map((t) => t.silentMs);
  const interrupt = times.map((t) => t.interruptMs);
  const reply = phrasings.map(replyTime).filter((t) => t !== undefined);
  const breakdown = phrasings.map(replyBreakdown).filter((b) => b !== undefined);
  options.log(`  unexpected phrasings, p50 of each stage (ms): ${stageMedians(breakdown)}`);
  const stages = bargeIns.flatMap((r) =>
    r.recording ? [bargeInStages(r.recording, BARGE_IN_TEXT)] : [],
  );
  const bargeInLine = bargeInMedians(stages.filter((s) => s !== undefined));
  options.log(`  barge-ins, p50 of each stage from the onset (ms, count): ${bargeInLine}`);
  const passed = results.filter((r) => r.verdict.pass).length;
  const passRate = results.length === 0 ? undefined : (100 * passed) / results.length;
  return {
    id: 'turn-taking',
    title: '7. Turn-taking (spoken scenarios)',
    figures: [
      {
        name: 'speech onset → agent silent at the client (p50)',
        value: silent.length ? median(silent) : undefined,
        unit: 'ms',
        goal: { op: '<=', value: 100, label: '≤ 100 ms' },
        note: `last agent audio frame received, over the ${times.length} of ${bargeIns.length} barge-ins that were interrupted`,
      },
      {
        name: 'speech onset → interrupt at the client (p50)',
        value: interrupt.length ? median(interrupt) : undefined,
        unit: 'ms',
        goal: { op: '<=', value: 250, label: '≤ 250 ms' },
        note: `where the time went (p50 from the onset at the client, ms): ${bargeInLine}`,
      },
      {
        name: 'end of an unexpected phrasing → first agent audio (p50)',
        value: reply.length ? median(reply) : undefined,
        unit: 'ms',
        goal: { op: '<=', value: 450, label: '≤ 450 ms' },
        note:
          `${reply.length} of ${phrasings.length} answered; questions outside the agent's vocabulary and script. ` +
          `Where the time went (p50, ms; the server's figures count from the VAD's speech end): ${stageMedians(breakdown)}`,
      },
      {
        name: 'spoken scenarios passed',
        value: passRate,
        unit: '%',
        goal: { op: '>=', value: 100, label: 'all' },
        note: `${passed} of ${results.length} cells`,
      },
    ],
    notes: [
      `Scenarios: ${BACKCHANNELS.length} backchannels, a cough and a door slam said over a ~5 s reply; barge-ins early, ` +
        'in the middle and late in it; an order number and a phone number dictated with pauses; "hold on a second"; ' +
        'push-to-talk on the technician agent. Judged from the client: see test/scenarios/judge.ts.',
      `Voices: ${voices.join(', ')}; ${options.quick ? 'clean only' : `clean and over pink noise at ${SNR_DB} dB SNR`}.`,
      `The server runs in two child processes (as \`npm start\` would); load average at the end: ${loadavg()[0]?.toFixed(2)}.`,
      `Pass/fail table:\n\n${table}\n`,
    ],
    details: {
      silentMs: summarize(silent),
      interruptMs: summarize(interrupt),
      replyMs: summarize(reply),
      replyBreakdown: breakdown,
      cells: results.map((r) => ({
        scenario: r.scenario.id,
        voice: r.voice,
        noisy: r.noisy,
        pass: r.verdict.pass,
        reason: r.verdict.reason,
      })),
      phrasings: phrasings.map((r) => ({
        scenario: r.scenario.id,
        voice: r.voice,
        reason: r.verdict.reason,
      })),
    },
  };
}

/**
 * The answer time alone (end of an unexpected phrasing → first agent audio at the client), for
 * before/after runs back to back: `node --import tsx bench/turn-taking.ts [--voices=a,b] [--rounds=N]`.
 * Prefix `PARLEY_PREEMPTIVE_REPLY=0` (or `=1`) to turn the desk's preemptive replies off (on),
 * `PARLEY_SCENARIO_TTS=espeak-ng` to speak with espeak-ng instead of RHVoice clb.
 */
export async function measurePhrasings(
  voices: readonly TestVoice[],
  rounds: number,
  signal: AbortSignal,
): Promise<{ replyMs: number[]; breakdown: Partial<ReplyBreakdown>[]; asked: number }> {
  const cells: Cell[] = [];
  for (let round = 0; round < rounds; round++)
    for (const scenario of UNEXPECTED_PHRASINGS)
      for (const voice of voices) cells.push({ scenario, voice, noisy: false });
  const suite = await ScenarioSuite.start(1, signal);
  try {
    // One session at a time: the figure is a user's answer time, not the machine's throughput.
    const results = await runCells(suite, cells, 1, signal);
    return {
      replyMs: results.map(replyTime).filter((t) => t !== undefined),
      breakdown: results.map(replyBreakdown).filter((b) => b !== undefined),
      asked: results.length,
    };
  } finally {
    await suite.close();
  }
}

/**
 * The barge-in scenarios alone, clean and noisy, for the onset → interrupt breakdown:
 * `node --import tsx bench/turn-taking.ts --barge-ins [--voices=a,b] [--rounds=N]`.
 */
async function measureBargeIns(voices: readonly TestVoice[], rounds: number, signal: AbortSignal) {
  const cells: Cell[] = [];
  for (let round = 0; round < rounds; round++)
    for (const scenario of SCENARIOS.filter((s) => s.id.startsWith('barge-in')))
      for (const voice of voices)
        for (const noisy of [false, true]) cells.push({ scenario, voice, noisy });
  const suite = await ScenarioSuite.start(1, signal);
  try {
    // One session at a time: the figure is a user's wait, not the machine's throughput.
    const results = await runCells(suite, cells, 1, signal);
    const times = results.map(bargeInTimes).filter((t) => t !== undefined);
    const stages = results.flatMap((r) =>
      r.recording ? [bargeInStages(r.recording, BARGE_IN_TEXT)] : [],
    );
    const interrupt = times.map((t) => Math.round(t.interruptMs)).sort((a, b) => a - b);
    console.log(
      `barge-ins, load ${loadavg()[0]?.toFixed(2)}: ${times.length} of ${results.length} interrupted; ` +
        `onset → interrupt p50 ${Math.round(median(interrupt))} ms; all ${interrupt.join(' ')}\n` +
        `  stages p50 (ms, count): ${bargeInMedians(stages.filter((s) => s !== undefined))}`,
    );
    for (const [i, r] of results.entries()) {
      const s = stages[i];
      console.log(
        `  ${r.scenario.id} ${r.voice} ${r.noisy ? 'noisy' : 'clean'}: ${JSON.stringify(s)}`,
      );
    }
  } finally {
    await suite.close();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      voices: { type: 'string', default: 'flite-slt,flite-awb,flite-rms' },
      rounds: { type: 'string', default: '1' },
      'barge-ins': { type: 'boolean', default: false },
    },
  });
  const voices = (values.voices ?? '').split(',').map((v) => v.trim()) as TestVoice[];
  if (values['barge-ins']) {
    await measureBargeIns(voices, Number(values.rounds), AbortSignal.timeout(900_000));
    process.exit(0);
  }
  const result = await measurePhrasings(
    voices,
    Number(values.rounds),
    AbortSignal.timeout(900_000),
  );
  const sorted = [...result.replyMs].sort((a, b) => a - b).map(Math.round);
  console.log(
    `preemptive=${process.env['PARLEY_PREEMPTIVE_REPLY'] ?? 'default'} ` +
      `tts=${process.env['PARLEY_SCENARIO_TTS'] ?? 'default'} load ${loadavg()[0]?.toFixed(2)}: ` +
      `${result.replyMs.length} of ${result.asked} answered; p50 ${Math.round(median(result.replyMs))} ms; ` +
      `all ${sorted.join(' ')}\n  stages p50: ${stageMedians(result.breakdown)}`,
  );
}
