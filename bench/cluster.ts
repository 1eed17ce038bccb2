/**
 * Cluster bench: calls per worker process with the real Silero VAD, at 1, 2 and 4 worker
 * processes, and the dispatch overhead added to connection set-up.
 *   node --import tsx bench/cluster.ts [--quick] [--processes=1,2]
 * Each call streams a looped flite question in real time (20 ms frames) over its WebSocket;
 * a step is "in time" while every worker's event-loop delay p99 (from its heartbeat) stays
 * under 100 ms. The bench's own clients run on the same machine and take CPU too.
 */
import { availableParallelism } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { WebSocket } from 'ws';
import { CallClient, requestDispatch } from '../src/cluster/client.ts';
import { NoWorkerError } from '../src/cluster/errors.ts';
import { listWorkers } from '../src/cluster/registry.ts';
import { encodeAudioFrame } from '../src/transport/audio-frame.ts';
import { startCluster, type Cluster } from '../test/cluster/cluster-harness.ts';
import { fliteSpeech } from './fakes/flite-speech.ts';
import { FRAME_SAMPLES } from './fakes/frame-ticker.ts';
import { percentile, round } from './stats.ts';

const quick = process.argv.includes('--quick');
const LAG_LIMIT_MS = 100;
const STEP = quick ? 20 : 25;
const MEASURE_MS = quick ? 4_000 : 8_000;

async function clip(): Promise<Int16Array> {
  const speech = await fliteSpeech('Where is my order? It has not arrived yet.');
  const loop = new Int16Array(5 * 16_000);
  loop.set(speech.subarray(0, Math.min(speech.length, loop.length)), 8_000);
  return loop;
}

/** Calls that stream audio until stopped. */
function streamAudio(clients: CallClient[], loop: Int16Array): () => void {
  const frames = loop.length / FRAME_SAMPLES;
  let index = 0;
  const timer = setInterval(() => {
    index++;
    clients.forEach((client, n) => {
      if (client.socket.readyState !== WebSocket.OPEN) return;
      const start = ((index + n * 37) % frames) * FRAME_SAMPLES;
      client.socket.send(encodeAudioFrame(loop.subarray(start, start + FRAME_SAMPLES)));
    });
  }, 20);
  return () => clearInterval(timer);
}

/** Turns the agent finished, as the clients saw them: proof the audio was heard and answered. */
function countTurns(clients: readonly CallClient[]): number {
  return clients.reduce((n, c) => n + c.messages.filter((m) => m.type === 'turn.end').length, 0);
}

/** A worker may miss one beat or spike while calls connect: the front door then refuses for a moment. */
async function dispatchWithRetry(frontDoorUrl: string) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await requestDispatch(frontDoorUrl);
    } catch (error) {
      if (!(error instanceof NoWorkerError) || attempt === 10) throw error;
      await sleep(500);
    }
  }
}

async function capacity(cluster: Cluster, loop: Int16Array, limit: number) {
  const clients: CallClient[] = [];
  let inTime = 0;
  let workerCores = 0;
  let note = '';
  for (let target = STEP; target <= limit; target += STEP) {
    try {
      while (clients.length < target) {
        const dispatch = await dispatchWithRetry(cluster.frontDoorUrl);
        const client = await CallClient.connect(dispatch.url);
        await client.start('bench');
        clients.push(client);
      }
    } catch (error) {
      if (!(error instanceof NoWorkerError)) throw error;
      note = `dispatch refused at ${clients.length} calls (no worker healthy: lag, stale beat or cap)`;
      break;
    }
    const turnsBefore = countTurns(clients);
    const stop = streamAudio(clients, loop);
    await sleep(MEASURE_MS);
    const turns = countTurns(clients) - turnsBefore;
    const workers = await listWorkers(cluster.frontRedis);
    stop();
    const worstLagMs = Math.max(...workers.map((w) => w.lagMs));
    const cpu = workers.map((w) => round(w.cpu)).join('/');
    console.log(
      `  ${target} calls: worst worker loop delay p99 ${round(worstLagMs)} ms, worker CPU ${cpu}, ${turns} turns answered`,
    );
    if (worstLagMs > LAG_LIMIT_MS) {
      note = `late at ${target} calls (loop delay p99 ${round(worstLagMs)} ms)`;
      break;
    }
    inTime = target;
    workerCores = workers.reduce((sum, w) => sum + w.cpu, 0);
  }
  await Promise.all(clients.map((client) => client.close()));
  return { inTime, note, workerCores };
}

async function dispatchOverhead(cluster: Cluster, count: number) {
  const dispatchMs: number[] = [];
  const setupMs: number[] = [];
  for (let i = 0; i < count; i++) {
    const startMs = performance.now();
    const dispatch = await requestDispatch(cluster.frontDoorUrl);
    const dispatchedMs = performance.now();
    const client = await CallClient.connect(dispatch.url);
    await client.start('bench');
    setupMs.push(performance.now() - dispatchedMs);
    dispatchMs.push(dispatchedMs - startMs);
    await client.close();
  }
  return {
    dispatchP50Ms: percentile(dispatchMs, 50),
    dispatchP99Ms: percentile(dispatchMs, 99),
    connectP50Ms: percentile(setupMs, 50),
  };
}

// The workers' own session cap (200 by default) would end the search before the CPU does.
process.env['PARLEY_MAX_SESSIONS'] ??= '1000';
const loop = await clip();
const results: { processes: number; inTime: number; note: string; workerCores: number }[] = [];
let overhead: Awaited<ReturnType<typeof dispatchOverhead>> | undefined;
const processArg = process.argv.find((a) => a.startsWith('--processes='));
const processCounts = processArg
  ? processArg.slice('--processes='.length).split(',').map(Number)
  : quick
    ? [1, 2]
    : [1, 2, 4];
for (const processes of processCounts) {
  const cluster = await startCluster({ workerScript: 'bench/fakes/cluster-worker.ts' });
  try {
    await Promise.all(
      Array.from({ length: processes }, (_, i) => cluster.spawnWorker(`bench-${i + 1}`)),
    );
    overhead ??= await dispatchOverhead(cluster, quick ? 50 : 200);
    console.log(`${processes} worker process(es) on ${availableParallelism()} cores:`);
    const { inTime, note, workerCores } = await capacity(cluster, loop, quick ? 200 : 600);
    results.push({ processes, inTime, note, workerCores });
  } finally {
    await cluster.stop();
  }
}
const one = results.find((r) => r.processes === 1)?.inTime ?? 0;
const two = results.find((r) => r.processes === 2)?.inTime ?? 0;
console.log('\nresults');
for (const r of results)
  console.log(
    `  ${r.processes} process(es): ${r.inTime} calls in time, ${round(r.inTime / Math.max(r.workerCores, 0.01))} per worker core ${r.note ? `(${r.note})` : ''}`,
  );
console.log(`  scaling 1 → 2 processes: ${one > 0 ? round(two / one) : '?'}× (goal ≥ 1.8×)`);
if (overhead)
  console.log(
    `  dispatch (POST /api/dispatch, Redis read + reserve + token): p50 ${round(overhead.dispatchP50Ms)} ms, p99 ${round(overhead.dispatchP99Ms)} ms; ` +
      `then WebSocket + session.ready p50 ${round(overhead.connectP50Ms)} ms`,
  );
