/**
 * 9. Telemetry cost: the same sessions as section 1 (fakes on the real clock, 20 ms frames
 * pushed in real time) run with telemetry off and then on — OpenTelemetry spans into a
 * batch processor, Prometheus metrics, the call log and a stereo recording of every
 * session — alternating, and compared on speech end → first agent audio and CPU.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import type { FakeUtterance } from '../src/testing/index.ts';
import { createTelemetry } from '../src/telemetry/telemetry.ts';
import {
  instrumentSession,
  type SessionObserver,
  telemetryObservers,
} from '../src/telemetry/instrument.ts';
import { createRecorder } from '../src/telemetry/recording/recorder.ts';
import { createCallObserver } from '../src/telemetry/calls/call-observer.ts';
import { systemClock } from '../src/stream/system-clock.ts';
import { createTracing } from '../src/telemetry/otel-setup.ts';
import { ParleyMetrics } from '../src/telemetry/metrics.ts';
import { MemoryCallLog } from '../src/telemetry/calls/memory-call-log.ts';
import { RecordingStore } from '../src/telemetry/recording/store.ts';
import { createFakeSession } from './fakes/fake-session.ts';
import { SILENT_FRAME, startFrameTicker } from './fakes/frame-ticker.ts';
import { waitUntil } from './fakes/sleep.ts';
import type { BenchOptions, Figure, SectionResult } from './figures.ts';
import { round, summarize, type Summary } from './stats.ts';

const CYCLE_MS = 1400;
const SPEECH_MS = 500;

interface RunResult {
  readonly firstAudioMs: Summary;
  /** CPU time per session per second of wall time, in % of one core. */
  readonly cpuPerSessionPct: number;
  readonly turns: number;
  /** Time spent inside the telemetry observers per turn (all events and input of the turn). */
  readonly inPathMsPerTurn: number;
}

async function runOnce(sessions: number, turnsEach: number, withTelemetry: boolean, dir: string) {
  const exporter = new InMemorySpanExporter();
  const tracing = createTracing(exporter, 'parley-bench');
  const config = {
    tracing,
    metrics: new ParleyMetrics(),
    callLog: new MemoryCallLog(),
    recordings: new RecordingStore(dir),
  };
  const telemetry = createTelemetry(config);
  let inPathMs = 0;
  const timed = (observer: SessionObserver): SessionObserver => ({
    onEvent: (event) => {
      const t = performance.now();
      observer.onEvent(event);
      inPathMs += performance.now() - t;
    },
    input: (chunk) => {
      const t = performance.now();
      observer.input?.(chunk);
      inPathMs += performance.now() - t;
    },
    played: (turnId, playedMs) => observer.played?.(turnId, playedMs),
    close: () => observer.close(),
  });
  const t0 = performance.now() + 300 + sessions * 3;
  const runs = Array.from({ length: sessions }, (_, index) => {
    const offsetMs = (index / sessions) * CYCLE_MS;
    const script: FakeUtterance[] = Array.from({ length: turnsEach }, (_, k) => {
      const startMs = t0 + offsetMs + k * CYCLE_MS;
      return { startMs, endMs: startMs + SPEECH_MS, transcript: 'Where is my order?' };
    });
    const run = createFakeSession({
      script,
      latencies: { vadEndDelayMs: 0, sttFinalDelayMs: 100 },
      llm: { firstTokenDelayMs: 200, text: 'Sure, it shipped yesterday.' },
      ttsFirstAudioMs: 50,
      agent: { recording: { enabled: true, retentionDays: 1 } },
    });
    // The same observers `telemetry.instrument` attaches, each timed where it runs: inside
    // the session's emit (events) and pushAudio (input), i.e. on the conversation's own path.
    const observers: SessionObserver[] = [
      ...telemetryObservers(config, run.session, { clock: systemClock }),
      createRecorder({
        sessionId: run.session.id,
        agent: run.session.agent,
        clock: systemClock,
        store: config.recordings,
      })!,
      createCallObserver({
        sessionId: run.session.id,
        agent: run.session.agent,
        clock: systemClock,
        hasRecording: true,
        save: (call) => config.callLog.add(call),
      }),
    ].map(timed);
    const session = withTelemetry ? instrumentSession(run.session, observers) : run.session;
    session.subscribe(() => undefined);
    return { ...run, session, script };
  });
  const cpuBefore = process.cpuUsage();
  const wallBefore = performance.now();
  const ticker = startFrameTicker(() => {
    for (const run of runs) run.session.pushAudio(SILENT_FRAME);
  });
  try {
    const lastEndMs = t0 + CYCLE_MS * (turnsEach + 1) + 5_000;
    await waitUntil(
      () => runs.every((r) => r.log.turnsEnded >= turnsEach) || performance.now() > lastEndMs,
      'sessions to finish',
      lastEndMs - performance.now() + 10_000,
      20,
    );
  } finally {
    ticker.stop();
  }
  const cpu = process.cpuUsage(cpuBefore);
  const wallMs = performance.now() - wallBefore;
  await Promise.all(runs.map((r) => r.session.close()));
  await telemetry.close();
  const firstAudio: number[] = [];
  for (const run of runs) {
    run.script.forEach((utterance, k) => {
      const atMs = run.log.firstAudioAtMs.get(k + 1);
      if (atMs !== undefined) firstAudio.push(atMs - utterance.endMs);
    });
  }
  const cpuMs = (cpu.user + cpu.system) / 1000;
  return {
    firstAudioMs: summarize(firstAudio),
    cpuPerSessionPct: (cpuMs / wallMs / sessions) * 100,
    turns: firstAudio.length,
    inPathMsPerTurn: firstAudio.length > 0 ? inPathMs / firstAudio.length : 0,
  } satisfies RunResult;
}

export async function telemetrySection(options: BenchOptions): Promise<SectionResult> {
  const sessions = options.quick ? 10 : 40;
  const turns = options.quick ? 3 : 5;
  const rounds = options.quick ? 1 : 2;
  const dir = await mkdtemp(join(tmpdir(), 'parley-bench-rec-'));
  const off: RunResult[] = [];
  const on: RunResult[] = [];
  try {
    for (let i = 0; i < rounds && !options.signal.aborted; i += 1) {
      off.push(await runOnce(sessions, turns, false, dir));
      on.push(await runOnce(sessions, turns, true, dir));
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
  const p50Off = mean(off.map((r) => r.firstAudioMs.p50));
  const p50On = mean(on.map((r) => r.firstAudioMs.p50));
  const cpuOff = mean(off.map((r) => r.cpuPerSessionPct));
  const cpuOn = mean(on.map((r) => r.cpuPerSessionPct));
  const cpuExtraPct = cpuOff > 0 ? ((cpuOn - cpuOff) / cpuOff) * 100 : undefined;
  const inPathMs = mean(on.map((r) => r.inPathMsPerTurn));
  options.log(
    `  telemetry: first audio p50 off ${round(p50Off)} on ${round(p50On)} ms; CPU/session off ${round(cpuOff)} on ${round(cpuOn)} % core`,
  );
  const figures: Figure[] = [
    {
      name: 'telemetry cost on first audio p50',
      value: p50On - p50Off,
      unit: 'ms',
      note: `end to end, noisy on a loaded machine: first audio p50 ${round(p50Off)} ms off, ${round(p50On)} ms on (${sessions} sessions × ${turns} turns × ${rounds})`,
    },
    {
      name: 'telemetry time in the session path per turn',
      value: inPathMs,
      unit: 'ms',
      goal: { op: '<=', value: 1, label: '< 1 ms p50' },
      note: 'time spent inside the observers (every event and input frame of a turn, summed): an upper bound on what telemetry adds to first audio, free of machine-load noise',
    },
    {
      name: 'telemetry extra CPU per session',
      value: cpuOn - cpuOff,
      unit: '% core',
      goal: { op: '<=', value: 5, label: '< 5 % CPU' },
      note: `${round(cpuOff)} → ${round(cpuOn)} % of a core per session`,
    },
    {
      name: 'telemetry CPU relative to the bare session',
      value: cpuExtraPct,
      unit: '%',
      note: 'the same extra CPU as a share of what the bare session uses (no goal: fakes cost little)',
    },
  ];
  return {
    id: 'telemetry',
    title: '9. Telemetry cost',
    figures,
    notes: [
      'Telemetry on = OpenTelemetry spans (batch processor, in-memory exporter), Prometheus metrics, ' +
        'the call log and a stereo WAV of every session written at close. Off = the bare session.',
      'Runs alternate off/on so that machine load drifts affect both; the figures are differences of means.',
    ],
    details: { sessions, turns, rounds, off, on },
  };
}
