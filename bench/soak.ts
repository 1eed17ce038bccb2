/**
 * 7. Soak: sessions arrive and leave at a steady rate on a real server with the support
 * agent and the offline engines (Silero VAD, pocketsphinx, the dialogue engine, espeak-ng);
 * each visitor speaks a few words and types a question. Each session's main-thread time
 * (the CPU budget's measure) is reported per session and per second of session.
 * RSS, open file descriptors, child processes and event-loop delay are taken when idle
 * before and after, and over the first and last window of load; then a burst of sessions
 * at once and the memory it leaves behind. Duration: PARLEY_SOAK_MINUTES (default 2 min,
 * 20 s with --quick); rate: PARLEY_SOAK_PER_SECOND (default 1); burst: PARLEY_SOAK_BURST
 * (default 100, 10 with --quick).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSupportAgent } from '../src/agents/support/index.ts';
import { synthesize } from '../src/providers/local/stt/test-speech.ts';
import { createLocalModels } from '../src/server/local-models.ts';
import { createServer } from '../src/server/server.ts';
import { createSession } from '../src/conversation/index.ts';
import { sleepMs, waitUntil } from './fakes/sleep.ts';
import type { BenchOptions, Figure, SectionResult } from './figures.ts';
import { resourceProbe, type ResourceSnapshot } from './soak/resources.ts';
import { visit } from './soak/visit.ts';
import type { SessionCpuReport } from '../src/server/cpu-guarded-session.ts';
import { percentile, round } from './stats.ts';

const WINDOW_MS = 10_000;
const VISIT_TIMEOUT_MS = 30_000;

function envNumber(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

export async function soakSection(options: BenchOptions): Promise<SectionResult> {
  const durationMs = envNumber('PARLEY_SOAK_MINUTES', options.quick ? 1 / 3 : 2) * 60_000;
  const perSecond = envNumber('PARLEY_SOAK_PER_SECOND', 1);
  const burst = Math.round(envNumber('PARLEY_SOAK_BURST', options.quick ? 10 : 100));
  const dataDir = await mkdtemp(join(tmpdir(), 'parley-soak-'));
  const support = createSupportAgent({ dataDir, diagnosticStepMs: 50, log: () => undefined });
  let problems = 0;
  const cpuReports: SessionCpuReport[] = [];
  const server = createServer({
    port: 0,
    agents: [support.agent],
    makeModels: (agent) => createLocalModels(agent),
    createSession,
    sessionOptions: { greet: false },
    admission: { maxSessions: burst + 10, maxConnections: burst * 4 + 100 },
    staticDir: dataDir,
    onProblem: () => (problems += 1),
    onNotice: () => undefined,
    onSessionCpu: (report) => cpuReports.push(report),
  });
  const wsUrl = `${(await server.listen()).replace(/^http/, 'ws')}/ws`;
  // Every visitor also says something (flite kal16): VAD and pocketsphinx work in each session.
  const speech = await synthesize('where is my order', { leadMs: 200, tailMs: 400 });
  const probe = resourceProbe();
  const outcomes = { ok: 0, failed: 0 };
  const track = (run: Promise<boolean>) =>
    run.then(
      (ok) => (ok ? (outcomes.ok += 1) : (outcomes.failed += 1)),
      () => (outcomes.failed += 1),
    );
  try {
    for (let i = 0; i < 3; i++) await track(visit(wsUrl, VISIT_TIMEOUT_MS, speech)); // warm-up
    await sleepMs(1_000, options.signal);
    const idleBefore = probe.snapshot();
    options.log(`soak: ${durationMs / 1000} s at ${perSecond}/s, then a burst of ${burst}`);
    const running: Promise<unknown>[] = [];
    const startedAt = performance.now();
    let early: ResourceSnapshot | undefined;
    let lateReset = false;
    for (let n = 0; performance.now() - startedAt < durationMs && !options.signal.aborted; n++) {
      running.push(track(visit(wsUrl, VISIT_TIMEOUT_MS, speech)));
      const elapsedMs = performance.now() - startedAt;
      if (early === undefined && elapsedMs >= WINDOW_MS) early = probe.snapshot();
      if (!lateReset && elapsedMs >= durationMs - WINDOW_MS) {
        probe.snapshot(); // start the last window
        lateReset = true;
      }
      await sleepMs(startedAt + ((n + 1) * 1000) / perSecond - performance.now(), options.signal);
    }
    const late = probe.snapshot();
    await Promise.all(running);
    // Idle: every session closed, and long enough for the server to give freed native memory
    // back (2 s after the last close, at most every 5 s; timers run late on a loaded machine).
    await waitUntil(() => server.sessionCount === 0, 'the sessions to close', VISIT_TIMEOUT_MS);
    await sleepMs(8_000, options.signal);
    globalThis.gc?.();
    const idleAfter = probe.snapshot();
    const soakVisits = { ...outcomes };

    const burstBefore = probe.snapshot();
    let peakMb = burstBefore.rssMb;
    const sampler = setInterval(
      () => (peakMb = Math.max(peakMb, process.memoryUsage().rss / 1024 / 1024)),
      200,
    );
    await Promise.all(
      Array.from({ length: burst }, () => track(visit(wsUrl, VISIT_TIMEOUT_MS, speech))),
    );
    clearInterval(sampler);
    await waitUntil(() => server.sessionCount === 0, 'the burst to close', VISIT_TIMEOUT_MS);
    await sleepMs(5_000, options.signal);
    globalThis.gc?.();
    const burstAfter = probe.snapshot();

    const cpuPerSecond = cpuReports.map((r) => (r.cpuMs * 1000) / Math.max(1, r.lifetimeMs));
    const figures: Figure[] = [
      {
        name: 'soak: RSS growth, idle before → idle after',
        value: round(idleAfter.rssMb - idleBefore.rssMb),
        unit: 'MB',
        goal: { op: '<=', value: 50, label: '≤ 50 MB (flat)' },
        note: `${round(idleBefore.rssMb)} → ${round(idleAfter.rssMb)} MB`,
      },
      {
        name: 'soak: RSS under load, first → last window',
        value: early ? round(late.rssMb - early.rssMb) : undefined,
        unit: 'MB',
        note: early
          ? `${round(early.rssMb)} → ${round(late.rssMb)} MB`
          : 'soak shorter than a window',
      },
      {
        name: 'soak: open file descriptors added',
        value: idleAfter.openFds - idleBefore.openFds,
        unit: 'x',
        goal: { op: '<=', value: 2, label: '≤ 2 (flat)' },
        note: `${idleBefore.openFds} → ${idleAfter.openFds}`,
      },
      {
        name: 'soak: child processes left when idle',
        value: idleAfter.childProcesses,
        unit: 'x',
        goal: {
          op: '<=',
          value: idleBefore.childProcesses,
          label: `≤ ${idleBefore.childProcesses} (as before)`,
        },
      },
      {
        name: 'soak: event-loop delay p99, first window',
        value: early ? round(early.eventLoopP99Ms) : undefined,
        unit: 'ms',
      },
      {
        name: 'soak: event-loop delay p99, last window',
        value: round(late.eventLoopP99Ms),
        unit: 'ms',
        goal: { op: '<=', value: 100, label: '≤ 100 ms' },
      },
      {
        name: `burst of ${burst}: peak RSS added`,
        value: round(peakMb - burstBefore.rssMb),
        unit: 'MB',
      },
      {
        name: `burst of ${burst}: RSS retained 5 s after`,
        value: round(burstAfter.rssMb - burstBefore.rssMb),
        unit: 'MB',
        goal: { op: '<=', value: 200, label: '≤ 200 MB' },
      },
      {
        name: 'main-thread time per session, p50',
        value: round(
          percentile(
            cpuReports.map((r) => r.cpuMs),
            50,
          ),
        ),
        unit: 'ms',
        note: `max ${round(Math.max(0, ...cpuReports.map((r) => r.cpuMs)))} ms over ${cpuReports.length} sessions`,
      },
      {
        name: 'main-thread ms per second of session, p50 / p95',
        value: round(percentile(cpuPerSecond, 50)),
        unit: 'ms',
        note: `p95 ${round(percentile(cpuPerSecond, 95))} ms/s; the default CPU budget allows 500 ms/s after a 5 s burst`,
      },
      {
        name: 'inputs refused over the CPU budget',
        value: cpuReports.reduce((sum, r) => sum + r.refusedInputs, 0),
        unit: 'x',
        goal: { op: '<=', value: 0, label: '0 (healthy callers are never throttled)' },
      },
    ];
    return {
      id: 'soak',
      title: '7. Soak',
      figures,
      notes: [
        `${soakVisits.ok} visits finished during the soak, ${soakVisits.failed} failed; burst: ${outcomes.ok - soakVisits.ok} finished, ${outcomes.failed - soakVisits.failed} failed (refused or over ${VISIT_TIMEOUT_MS / 1000} s); ${problems} server problems logged.`,
        `Each visit: session.start, ${round(speech.length / 16)} ms of spoken words (flite) at real-time pace, one typed question answered with real speech, 200 ms of silence, close. Real offline engines; RSS includes the clients in the same process.`,
        globalThis.gc
          ? 'GC forced before idle figures.'
          : 'Run node with --expose-gc to force GC before the idle figures.',
      ],
      details: {
        durationMs,
        perSecond,
        burst,
        idleBefore,
        early,
        late,
        idleAfter,
        burstBefore,
        burstAfter,
        peakMb,
      },
    };
  } finally {
    probe.stop();
    await server.close();
    await support.store.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}
