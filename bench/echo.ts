/**
 * 7. Server-side echo cancellation (issue 14). Offline, on real speech (espeak-ng, flite) fed
 * back at -3/-9/-20 dB, 20/60/300 ms late, with sox reverb and pink noise: ERLE once converged,
 * the canceller's CPU per second of audio and its time per 20 ms chunk (what it adds between a
 * frame's arrival and the VAD). Then the session with the offline stack, on a virtual clock in
 * lockstep with a speakerphone room (per condition) and through the real WebSocket server with
 * a client whose microphone follows the audio it receives (espeak-ng and flite voices, six
 * conditions): self-interrupted replies per 100 with and without the canceller, and onset →
 * agent silent for a real barge-in over the echo.
 */
import { createSpeexEchoCanceller } from '../src/audio/echo/index.ts';
import { AGENT_RATE, echoOf, MIC_RATE, speech, type Voice } from '../test/echo/echo-audio.ts';
import { erleDb } from '../test/echo/run-echo.ts';
import { type LockstepRun, lockstepSelfInterruptions } from './echo-lockstep.ts';
import { pacedReadAsPerson, type PacedRun } from './echo-paced.ts';
import { runSessionEcho, type SessionEchoRun } from './echo-session.ts';
import type { BenchOptions, Figure, SectionResult } from './figures.ts';
import { median, round, summarize } from './stats.ts';

const TEXT =
  'Thanks for calling. I can see your order from last Tuesday. It shipped yesterday and should arrive on Friday. Is there anything else I can help you with today?';
const CONDITIONS = [
  { gainDb: -3, delayMs: 20 },
  { gainDb: -9, delayMs: 60 },
  { gainDb: -20, delayMs: 300 },
] as const;
const CHUNK = MIC_RATE / 50;

interface Offline {
  readonly condition: string;
  readonly erleDb: number;
  readonly cpuMsPerAudioS: number;
  readonly chunkMs: readonly number[];
  readonly chunkCpuMs: readonly number[];
}

async function offlineRun(voice: Voice, gainDb: number, delayMs: number): Promise<Offline> {
  const agent = await speech(TEXT, voice, AGENT_RATE);
  const mic = await echoOf(agent, { gainDb, delayMs, reverb: 50, noiseDbfs: -60 });
  const canceller = createSpeexEchoCanceller({ sampleRate: MIC_RATE });
  const cleaned = new Int16Array(mic.length);
  const chunkMs: number[] = [];
  const chunkCpuMs: number[] = [];
  let sent = 0;
  const cpuBefore = process.cpuUsage();
  for (let offset = 0; offset < mic.length; offset += CHUNK) {
    const sendTo = Math.min(agent.length, Math.round(((offset / MIC_RATE) * 1000 + 80) * 24));
    const startedMs = performance.now();
    const chunkCpu = process.cpuUsage();
    if (sendTo > sent) {
      canceller.pushFarEnd({ samples: agent.subarray(sent, sendTo), sampleRate: AGENT_RATE });
      sent = sendTo;
    }
    const result = canceller.processNearEnd({
      samples: mic.subarray(offset, offset + CHUNK),
      sampleRate: MIC_RATE,
    });
    chunkMs.push(performance.now() - startedMs);
    const used = process.cpuUsage(chunkCpu);
    chunkCpuMs.push((used.user + used.system) / 1000);
    cleaned.set(result.cleaned.samples, offset);
  }
  const cpu = process.cpuUsage(cpuBefore);
  canceller.close();
  return {
    condition: `${voice} ${gainDb} dB ${delayMs} ms`,
    erleDb: erleDb(mic, cleaned, 3_000),
    cpuMsPerAudioS: (cpu.user + cpu.system) / 1000 / (mic.length / MIC_RATE),
    chunkMs,
    chunkCpuMs,
  };
}

export async function echoSection(options: BenchOptions): Promise<SectionResult> {
  const offline: Offline[] = [];
  for (const voice of ['espeak', 'flite'] as const)
    for (const { gainDb, delayMs } of CONDITIONS) {
      if (options.signal.aborted) break;
      offline.push(await offlineRun(voice, gainDb, delayMs));
      options.log(
        `echo: ${offline.at(-1)?.condition} ERLE ${round(offline.at(-1)?.erleDb ?? 0)} dB`,
      );
    }
  const pacedReplies = options.quick ? 6 : 20;
  const paced: (PacedRun & { readonly condition: string })[] = [];
  for (const voice of ['espeak', 'flite'] as const)
    for (const condition of CONDITIONS) {
      if (options.signal.aborted) break;
      const run = await pacedReadAsPerson(voice, condition, pacedReplies);
      paced.push({ ...run, condition: `${condition.gainDb} dB ${condition.delayMs} ms` });
      options.log(
        `echo: paced ${voice} ${paced.at(-1)?.condition}: ${run.readAsPerson} read as a person`,
      );
    }
  const pacedFigures = CONDITIONS.map((condition): Figure => {
    const label = `${condition.gainDb} dB ${condition.delayMs} ms`;
    const runs = paced.filter((run) => run.condition === label);
    const replies = runs.reduce((sum, run) => sum + run.replies, 0);
    const read = runs.reduce((sum, run) => sum + run.readAsPerson, 0);
    return {
      name: `replies whose echo reads as a person per 100 (pure, half running dry), ${label}`,
      value: replies === 0 ? undefined : round((100 * read) / replies),
      unit: 'per 100',
      goal: { op: '<=', value: 0, label: '0' },
      note: `lowest 100 ms share, median ${round(median(runs.flatMap((run) => run.lowestShares)))}; espeak-ng and flite`,
    };
  });
  const chunk = summarize(offline.flatMap((run) => run.chunkMs));
  const chunkCpu = summarize(offline.flatMap((run) => run.chunkCpuMs));
  const lockstepReplies = options.quick ? 5 : 20;
  // Without the canceller at -9 dB 60 ms (the baseline), with it in all three conditions.
  const lockstepRuns = [
    { canceller: false, ...CONDITIONS[1] },
    ...CONDITIONS.map((condition) => ({ canceller: true, ...condition })),
  ];
  const lockstep: (LockstepRun & (typeof lockstepRuns)[number])[] = [];
  for (const run of lockstepRuns) {
    if (options.signal.aborted) break;
    const label = `${run.gainDb} dB ${run.delayMs} ms, canceller ${run.canceller ? 'on' : 'off'}`;
    options.log(`echo: ${lockstepReplies} replies on a virtual clock, ${label}…`);
    lockstep.push({
      ...run,
      ...(await lockstepSelfInterruptions(run.canceller, lockstepReplies, run)),
    });
  }
  const lockstepFigures = lockstep.flatMap((run): Figure[] => {
    const label = `canceller ${run.canceller ? 'on' : 'off'}, ${run.gainDb} dB ${run.delayMs} ms`;
    return [
      {
        name: `self-interrupted replies per 100 (virtual clock), ${label}`,
        value: (100 * run.selfInterruptedReplies) / lockstepReplies,
        unit: 'per 100',
        ...(run.canceller && { goal: { op: '<=' as const, value: 0, label: '0' } }),
      },
      {
        name: `pauses + interrupts by echo per reply (virtual clock), ${label}`,
        value: round(run.pausesAndInterrupts / lockstepReplies),
        unit: 'per reply',
        ...(run.canceller && { goal: { op: '<=' as const, value: 0, label: '0' } }),
      },
    ];
  });
  // The issue's 20 replies per condition with the canceller; the baseline without it needs few.
  const replies = options.quick ? 3 : 20;
  const runs: SessionEchoRun[] = [];
  for (const canceller of [false, true]) {
    if (options.signal.aborted) break;
    const count = canceller ? replies : Math.min(replies, 5);
    options.log(
      `echo: ${count} replies per condition through the WebSocket, canceller ${canceller ? 'on' : 'off'}…`,
    );
    runs.push(await runSessionEcho(canceller, count));
  }
  const sessionFigures = runs.flatMap((run) =>
    run.conditions.map((c): Figure => ({
      name: `self-interrupted replies per 100 (WebSocket), canceller ${run.canceller ? 'on' : 'off'}, ${c.condition}`,
      value: c.replies === 0 ? undefined : round((100 * c.selfInterruptedReplies) / c.replies),
      unit: 'per 100',
      ...(run.canceller && { goal: { op: '<=' as const, value: 0, label: '0' } }),
      note: `${c.selfInterruptedReplies} of ${c.replies} replies${c.error === undefined ? '' : `; stopped: ${c.error}`}`,
    })),
  );
  const bargeIns = runs.find((run) => run.canceller)?.bargeIns ?? [];
  const figures: Figure[] = [
    ...offline.map((run) => ({
      name: `ERLE, ${run.condition}`,
      value: round(run.erleDb),
      unit: 'dB' as const,
      goal: { op: '>=' as const, value: 10, label: '≥ 10 dB (test floor)' },
    })),
    {
      name: 'canceller CPU per second of audio',
      value: round(summarize(offline.map((run) => run.cpuMsPerAudioS)).mean),
      unit: 'ms',
    },
    {
      name: 'canceller CPU per 20 ms chunk (added frame → VAD), p99',
      value: round(chunkCpu.p99),
      unit: 'ms',
      goal: { op: '<=', value: 5, label: '≤ 5 ms' },
      note: `wall time per chunk p50 ${round(chunk.p50)} ms, p99 ${round(chunk.p99)} ms (includes preemption on a shared machine); no buffering for 20 ms chunks`,
    },
    ...pacedFigures,
    ...lockstepFigures,
    ...sessionFigures,
    ...bargeIns.map((b): Figure => ({
      name: `barge-in over echo (WebSocket, ${b.voice === 'espeak' ? 'espeak-ng' : 'flite'} agent, -9 dB 150 ms): onset → agent silent`,
      value: b.interruptMs === undefined ? undefined : round(b.interruptMs),
      unit: 'ms',
      note: `heard "${b.heardText}"`,
    })),
  ];
  return {
    id: 'echo',
    title: '7. Echo cancellation',
    figures,
    notes: [
      'speexdsp (libspeexdsp1) through koffi: 10 ms frames, 250 ms filter tail behind the tracked delay, preprocessor residual echo suppression -40 dB.',
      `Pure (no session): ${pacedReplies} replies per voice and condition paced as the session sends them through the speakerphone room, every other one running dry mid-reply and resuming; a reply counts when some 100 ms of audible echo has a mean echo share under the own-voice threshold (0.5).`,
      'ERLE is measured from 3 s on (converged) over frames holding echo, on espeak-ng and flite speech with sox reverb (50 %) and pink noise at -60 dBFS.',
      `Virtual clock: ${lockstepReplies} short replies per condition, the offline stack in lockstep with a speakerphone room (reverb, noise; load cannot make it fall behind); without the canceller at -9 dB 60 ms, with it at -3 dB 20 ms, -9 dB 60 ms and -20 dB 300 ms.`,
      `WebSocket runs: ${replies} short replies per condition with the canceller (5 without), the real server and session, a speakerphone client whose microphone follows the agent audio it receives (played on receipt), one session at a time; a reply counts once if anything shows the agent took its echo for the user.`,
    ],
    details: {
      offline: offline.map(({ chunkMs: _wall, chunkCpuMs: _cpu, ...rest }) => rest),
      chunk,
      chunkCpu,
      sessions: runs,
      lockstep,
      paced,
    },
  };
}
