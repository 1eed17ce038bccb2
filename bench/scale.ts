/**
 * 6. Scale: N concurrent sessions, each fed 20 ms frames of a looped question
 * (flite speech, then silence) in real time, with the real Silero VAD and fake
 * STT/LLM/TTS, so every session takes a turn and the agent answers every cycle.
 * Per step: CPU (process.cpuUsage) and RSS per session, and how long after its push
 * the VAD is done with each frame. A step falls behind real time when that lag's
 * p95 passes 100 ms (five frames), or audio is dropped.
 */
import { monitorEventLoopDelay, performance as nodePerformance } from 'node:perf_hooks';
import { createSileroVad, preloadSileroVad } from '../src/providers/local/vad/index.ts';
import type { AudioChunk } from '../src/spec/audio.ts';
import { createFakeSession } from './fakes/fake-session.ts';
import { fliteSpeech } from './fakes/flite-speech.ts';
import { FRAME_MS, FRAME_SAMPLES, startFrameTicker } from './fakes/frame-ticker.ts';
import { createOnsetStt } from './fakes/onset-stt.ts';
import { sleepMs } from './fakes/sleep.ts';
import { timedVad } from './fakes/timed-vad.ts';
import type { BenchOptions, Figure, SectionResult } from './figures.ts';
import { percentile, round } from './stats.ts';

const CYCLE_MS = 5000;
const LAG_LIMIT_MS = 100;

interface Step {
  readonly sessions: number;
  readonly cpuCores: number;
  readonly cpuPerSessionPct: number;
  readonly rssMb: number;
  readonly lagP50Ms: number;
  readonly lagP95Ms: number;
  readonly tickLateP95Ms: number;
  readonly eventLoopDelayP99Ms: number;
  /** Share of the time the main (JavaScript) thread was busy. */
  readonly eventLoopBusy: number;
  readonly droppedErrors: number;
  readonly turns: number;
  /** VAD frame lag p95 over the limit: frames are late in bursts. */
  readonly stalls: boolean;
  /** Median lag over the limit or audio dropped: a backlog that does not clear. */
  readonly backlog: boolean;
}

function loopClip(speech: Int16Array): Int16Array {
  const clip = new Int16Array((CYCLE_MS / 1000) * 16_000);
  clip.set(speech.subarray(0, Math.min(speech.length, clip.length)), 8_000);
  return clip;
}

async function runStep(sessions: number, clip: Int16Array, measureMs: number): Promise<Step> {
  const pushedAtMs = new WeakMap<AudioChunk, number>();
  let lags: number[] = [];
  const clipFrames = clip.length / FRAME_SAMPLES;
  const runs = Array.from({ length: sessions }, (_, index) => ({
    offset: Math.floor((index / sessions) * clipFrames),
    ...createFakeSession({
      script: [],
      latencies: {},
      vad: timedVad(createSileroVad(), pushedAtMs, (lagMs) => lags.push(lagMs)),
      stt: createOnsetStt({
        text: 'where is my order',
        interimDelayMs: 200,
        finalAfterQuietMs: 300,
      }),
      llm: { firstTokenDelayMs: 200, tokenIntervalMs: 20, text: 'It ships on Friday.' },
      ttsFirstAudioMs: 50,
    }),
  }));
  const ticker = startFrameTicker((index) => {
    for (const run of runs) {
      const start = ((index + run.offset) % clipFrames) * FRAME_SAMPLES;
      const chunk: AudioChunk = {
        samples: clip.subarray(start, start + FRAME_SAMPLES),
        sampleRate: 16_000,
      };
      pushedAtMs.set(chunk, performance.now());
      run.session.pushAudio(chunk);
    }
  });
  await sleepMs(2_000); // warm-up: models load, first turns begin
  lags = [];
  const lateFrom = ticker.lateMs.length;
  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  loopDelay.enable();
  const cpuStart = process.cpuUsage();
  const eluStart = nodePerformance.eventLoopUtilization();
  const wallStart = performance.now();
  await sleepMs(measureMs);
  const cpu = process.cpuUsage(cpuStart);
  const eventLoopBusy = nodePerformance.eventLoopUtilization(eluStart).utilization;
  const wallMs = performance.now() - wallStart;
  loopDelay.disable();
  const rssAfter = process.memoryUsage().rss;
  const tickLate = ticker.lateMs.slice(lateFrom);
  ticker.stop();
  await Promise.all(runs.map((r) => r.session.close()));
  const droppedErrors = runs.reduce((n, r) => n + r.log.errors.length, 0);
  const cpuCores = (cpu.user + cpu.system) / 1000 / wallMs;
  const lagP95Ms = percentile(lags, 95);
  return {
    sessions,
    cpuCores,
    cpuPerSessionPct: (cpuCores / sessions) * 100,
    rssMb: rssAfter / 1024 / 1024,
    lagP50Ms: percentile(lags, 50),
    lagP95Ms,
    tickLateP95Ms: percentile(tickLate, 95),
    eventLoopDelayP99Ms: loopDelay.percentile(99) / 1e6,
    eventLoopBusy,
    droppedErrors,
    turns: runs.reduce((n, r) => n + r.log.metrics.length, 0),
    stalls: !(lagP95Ms <= LAG_LIMIT_MS),
    backlog: !(percentile(lags, 50) <= LAG_LIMIT_MS) || droppedErrors > 0,
  };
}

/** Least-squares slope of y over x. */
function slope(points: readonly (readonly [number, number])[]): number | undefined {
  if (points.length < 2) return undefined;
  const meanX = points.reduce((sum, [x]) => sum + x, 0) / points.length;
  const meanY = points.reduce((sum, [, y]) => sum + y, 0) / points.length;
  let numerator = 0;
  let denominator = 0;
  for (const [x, y] of points) {
    numerator += (x - meanX) * (y - meanY);
    denominator += (x - meanX) ** 2;
  }
  return denominator === 0 ? undefined : numerator / denominator;
}

export async function scaleSection(options: BenchOptions): Promise<SectionResult> {
  await preloadSileroVad();
  const clip = loopClip(await fliteSpeech('Where is my order? It has not arrived yet.'));
  const plan = options.quick ? [10, 25] : [25, 50, 100, 150, 200, 250, 300, 400, 500];
  const measureMs = options.quick ? 4_000 : 10_000;
  const steps: Step[] = [];
  for (const sessions of plan) {
    if (options.signal.aborted) break;
    const step = await runStep(sessions, clip, measureMs);
    steps.push(step);
    options.log(
      `  scale @${sessions}: ${round(step.cpuCores)} cores, main thread ${Math.round(step.eventLoopBusy * 100)} %, ${round(step.cpuPerSessionPct)} % core/session, ` +
        `VAD lag p50 ${round(step.lagP50Ms)} p95 ${round(step.lagP95Ms)} ms, ` +
        `${step.turns} turns${step.backlog ? ' — BACKLOG' : step.stalls ? ' — late bursts' : ''}`,
    );
    if (step.backlog) break;
    await sleepMs(500);
  }
  const firstStall = steps.findIndex((s) => s.stalls || s.backlog);
  const inTime = firstStall === -1 ? steps.at(-1) : steps[firstStall - 1];
  const stalled = firstStall === -1 ? undefined : steps[firstStall];
  const firstBacklog = steps.find((s) => s.backlog);
  const noBacklog = steps.filter((s) => !s.backlog).at(-1);
  const reference = steps.find((s) => s.sessions === 100) ?? steps.at(-1);
  const rssSlopeMb = slope(steps.map((s) => [s.sessions, s.rssMb] as const));
  const figures: Figure[] = [
    {
      name: 'sessions with VAD frames done within 100 ms (p95)',
      value: inTime?.sessions,
      unit: 'sessions',
      goal: { op: '>=', value: 200, label: '≥ 200 on 2 cores' },
      note: stalled
        ? `frames came late at ${stalled.sessions} sessions (VAD lag p50 ${round(stalled.lagP50Ms)} / p95 ` +
          `${round(stalled.lagP95Ms)} ms, event-loop delay p99 ${round(stalled.eventLoopDelayP99Ms)} ms, ` +
          `${round(stalled.cpuCores)} cores busy in this process, main thread busy ${Math.round(stalled.eventLoopBusy * 100)} %)`
        : `kept up at every step tried (up to ${steps.at(-1)?.sessions ?? 0})`,
    },
    {
      name: 'sessions before a lasting backlog (median lag > 100 ms or drops)',
      value: noBacklog?.sessions,
      unit: 'sessions',
      note: firstBacklog
        ? `backlog at ${firstBacklog.sessions} sessions (VAD lag p50 ${round(firstBacklog.lagP50Ms)} ms, ` +
          `${firstBacklog.droppedErrors} drop errors, ${round(firstBacklog.cpuCores)} cores busy)`
        : `no backlog at any step tried (up to ${steps.at(-1)?.sessions ?? 0})`,
    },
    {
      name: `CPU per session @ ${reference?.sessions ?? '?'} sessions`,
      value: reference?.cpuPerSessionPct,
      unit: '% core',
      note: 'process CPU time (all threads, ONNX included) over wall time, divided by the sessions',
    },
    {
      name: 'memory (RSS) per session',
      value: rssSlopeMb,
      unit: 'MB',
      note: 'slope of the process RSS against the session count across the steps (a rough figure: RSS is not returned between steps)',
    },
  ];
  return {
    id: 'scale',
    title: '6. Scale',
    figures,
    notes: [
      `Steps of ${plan.join(', ')} sessions, ${measureMs / 1000} s measured each after a 2 s warm-up. Each session hears ` +
        `a ${CYCLE_MS / 1000} s loop (flite question, then silence), staggered across sessions; the real Silero VAD ` +
        '(one shared ONNX session, frames of all streams batched), a fake STT that hears the question when the audio is loud, ' +
        'and fake LLM/TTS, so the agent answers with paced audio every cycle.',
      `Frames "in time": the VAD finishes 95 % of frames within ${LAG_LIMIT_MS} ms of their push; a lasting backlog: ` +
        'the median frame is later than that, or a session dropped audio. The ramp goes on past late bursts and stops at a backlog.',
      'All sessions run in this one Node process: JavaScript runs on one thread (see "main thread busy"), ONNX inference ' +
        'on its own threads, so the second core is mostly spare; more sessions per machine need worker threads or more ' +
        'processes. Other work on this shared machine takes CPU too, which moves the breaking point between runs.',
      '"Main thread busy" is event-loop utilisation: time the JavaScript thread was not idle, whether computing or ' +
        'stalled. It runs well above the CPU time per session: the thread spends much of its busy time off-CPU ' +
        '(other processes on this machine, or waits inside the inference binding), so the ceiling here is the one ' +
        'event loop, not the CPU.',
      ...steps.map(
        (s) =>
          `${s.sessions} sessions: ${round(s.cpuCores)} cores busy (${round(s.cpuPerSessionPct)} % of a core each), ` +
          `RSS ${round(s.rssMb)} MB, VAD frame lag p50 ${round(s.lagP50Ms)} / p95 ` +
          `${round(s.lagP95Ms)} ms, ticker late p95 ${round(s.tickLateP95Ms)} ms, event-loop delay p99 ` +
          `${round(s.eventLoopDelayP99Ms)} ms, main thread busy ${Math.round(s.eventLoopBusy * 100)} %, ${s.turns} turns${s.backlog ? ', BACKLOG' : s.stalls ? ', late bursts' : ''}`,
      ),
    ],
    details: { steps, frameMs: FRAME_MS },
  };
}
