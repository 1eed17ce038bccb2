/**
 * `node --import tsx bench/phone.ts [--calls=5] [--max-concurrent=200]`: the phone path through
 * SIP/RTP on loopback, with recorded human speech (asterisk-core-sounds, 8 kHz).
 * 1. Offline stack (Silero, pocketsphinx, scripted dialogue, espeak-ng): caller stops speaking →
 *    first agent RTP packet at the caller, p50/p95.
 * 2. Barge-in: caller speech onset → the agent's RTP stops at the caller, p50/p95.
 * 3. Transport capacity: concurrent calls whose agent audio (a scripted agent talking
 *    continuously) still reaches the caller with inter-packet gaps p99 ≤ 60 ms.
 * Writes bench/results/phone.json.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { sine } from '../src/audio/test-signals.ts';
import { parseWav } from '../src/audio/wav.ts';
import type { AgentDefinition, Session } from '../src/index.ts';
import { createSession } from '../src/index.ts';
import { DEMO_AGENT } from '../src/server/demo-agent.ts';
import { createLocalModels } from '../src/server/local-models.ts';
import { StubSession } from '../src/server/stub-session.fixture.ts';
import { RtpCaller } from '../test/telephony/rtp-caller.ts';
import { startSipServer } from '../test/telephony/sip-harness.ts';

const { values } = parseArgs({
  options: {
    calls: { type: 'string', default: '5' },
    'max-concurrent': { type: 'string', default: '200' },
  },
});
const CALLS = Number(values.calls);
const MAX_CONCURRENT = Number(values['max-concurrent']);
const SPEECH = parseWav(
  readFileSync('/usr/share/asterisk/sounds/en_US_f_Allison/please-try-call-later.wav'),
).samples;

const agent: AgentDefinition = {
  ...DEMO_AGENT,
  id: 'phone-demo',
  greeting:
    'Hello, you are through to Parley. I can tell you when we open, where we are, and what things cost.',
  dialogue: {
    intents: [{ name: 'hours', examples: ['what time do you open'], reply: 'We open at nine.' }],
    fallbackReply: 'Thank you for calling. I can only tell you our opening hours.',
  },
};

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

async function until(predicate: () => boolean, timeoutMs: number): Promise<void> {
  const started = performance.now();
  while (!predicate()) {
    if (performance.now() - started > timeoutMs) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function offlineStack(): Promise<{ replyMs: number[]; silentMs: number[] }> {
  const sessions: Session[] = [];
  const harness = await startSipServer([agent], (options) => {
    const session = createSession({ ...options, models: createLocalModels(options.agent) });
    sessions.push(session);
    return session;
  });
  const replyMs: number[] = [];
  const silentMs: number[] = [];
  try {
    for (let i = 0; i < CALLS; i++) {
      const caller = await RtpCaller.dial(harness.server.port, agent.id);
      await until(() => caller.received.length > 0, 10_000);
      await until(() => performance.now() - caller.received.at(-1)!.atMs > 400, 20_000);
      const stoppedAtMs = await caller.say(SPEECH);
      await until(() => caller.received.some((packet) => packet.atMs > stoppedAtMs), 10_000);
      replyMs.push(caller.received.find((packet) => packet.atMs > stoppedAtMs)!.atMs - stoppedAtMs);
      await caller.hangUp();

      const talker = await RtpCaller.dial(harness.server.port, agent.id);
      await until(() => talker.received.length > 0, 10_000);
      await sleep(1_000);
      const onsetMs = performance.now();
      void talker.say(SPEECH);
      await until(() => performance.now() - talker.received.at(-1)!.atMs > 300, 10_000);
      silentMs.push(talker.received.at(-1)!.atMs - onsetMs);
      await talker.hangUp();
    }
  } finally {
    await harness.close();
    await Promise.all(sessions.map((session) => session.close()));
  }
  return { replyMs, silentMs };
}

/** A scripted agent that talks for as long as the call lasts (a 300 Hz tone, 20 ms frames). */
function talkingSession(options: ConstructorParameters<typeof StubSession>[0]): StubSession {
  const session = new StubSession(options);
  const tone = sine(300, 8000, 160, 0.3);
  const timer = setInterval(() => {
    if (session.closed) return clearInterval(timer);
    session.emit({
      type: 'agent.audio',
      turnId: 1,
      chunk: { samples: tone, sampleRate: 8000 },
    } as never);
  }, 20);
  return session;
}

async function capacity(): Promise<{ calls: number; gapP99Ms: number }[]> {
  const harness = await startSipServer([agent], talkingSession, { maxCalls: MAX_CONCURRENT + 10 });
  const rows: { calls: number; gapP99Ms: number }[] = [];
  try {
    for (let calls = 25; calls <= MAX_CONCURRENT; calls *= 2) {
      const callers = await Promise.all(
        Array.from({ length: calls }, () => RtpCaller.dial(harness.server.port, agent.id)),
      );
      await sleep(1_000);
      const fromMs = performance.now();
      await sleep(3_000);
      const gaps = callers.flatMap((caller) => {
        const packets = caller.received.filter((packet) => packet.atMs >= fromMs);
        return packets.slice(1).map((packet, i) => packet.atMs - packets[i]!.atMs);
      });
      const gapP99Ms = percentile(gaps, 99);
      rows.push({ calls, gapP99Ms });
      console.log(`  ${calls} calls: inter-packet gap p99 ${gapP99Ms.toFixed(1)} ms`);
      await Promise.all(callers.map((caller) => caller.hangUp()));
      if (gapP99Ms > 60) break;
    }
  } finally {
    await harness.close();
  }
  return rows;
}

console.log(`phone bench: ${CALLS} calls per figure`);
const stack = await offlineStack();
const load = await capacity();
const held = load.filter((row) => row.gapP99Ms <= 60).at(-1)?.calls ?? 0;
const results = {
  replyP50Ms: percentile(stack.replyMs, 50),
  replyP95Ms: percentile(stack.replyMs, 95),
  silentP50Ms: percentile(stack.silentMs, 50),
  silentP95Ms: percentile(stack.silentMs, 95),
  concurrentCallsHeld: held,
  load,
  samples: stack,
};
console.table({
  'caller stops → first agent RTP packet': { p50: results.replyP50Ms, p95: results.replyP95Ms },
  'caller onset → agent RTP stops': { p50: results.silentP50Ms, p95: results.silentP95Ms },
});
console.log(`concurrent calls held (gap p99 ≤ 60 ms): ${held}`);
mkdirSync(join(import.meta.dirname, 'results'), { recursive: true });
writeFileSync(
  join(import.meta.dirname, 'results/phone.json'),
  `${JSON.stringify(results, null, 2)}\n`,
);
