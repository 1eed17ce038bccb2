import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import { parseWav } from '../../src/audio/wav.ts';
import type { AgentDefinition, Session, SessionEvent } from '../../src/index.ts';
import { createSession } from '../../src/index.ts';
import { DEMO_AGENT } from '../../src/server/demo-agent.ts';
import { createLocalModels } from '../../src/server/local-models.ts';
import { RtpCaller } from './rtp-caller.ts';
import { startSipServer, type SipHarness } from './sip-harness.ts';

/** Recorded human telephone speech (Debian asterisk-core-sounds-en-wav, 8 kHz, CC-BY-SA). */
const PROMPT = '/usr/share/asterisk/sounds/en_US_f_Allison/please-try-call-later.wav'; // "Please try your call again later.", no pause over 60 ms

const agent: AgentDefinition = {
  ...DEMO_AGENT,
  id: 'phone-demo',
  greeting:
    'Hello, you are through to Parley. I can tell you when we open, where we are, and what things cost, on any day of the week.',
  dialogue: {
    intents: [{ name: 'hours', examples: ['what time do you open'], reply: 'We open at nine.' }],
    fallbackReply: 'Thank you for calling. I can only tell you our opening hours.',
  },
};

/** Time of the first packet at or after `fromMs`, and of the last one before a 200 ms gap. */
function audioSpan(packets: readonly { atMs: number }[], fromMs: number) {
  const after = packets.filter((packet) => packet.atMs >= fromMs);
  if (after.length === 0) return undefined;
  let last = after[0]!.atMs;
  for (const packet of after.slice(1)) {
    if (packet.atMs - last > 200) break;
    last = packet.atMs;
  }
  return { firstMs: after[0]!.atMs, lastMs: last };
}

async function until(what: string, predicate: () => boolean, timeoutMs: number): Promise<void> {
  const started = performance.now();
  while (!predicate()) {
    if (performance.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('turn-taking on the phone path with real human speech', { timeout: 90_000 }, () => {
  let harness: SipHarness;
  let speech: Int16Array;
  const sessions: { session: Session; events: SessionEvent[] }[] = [];
  const callers: RtpCaller[] = [];

  before(async () => {
    speech = parseWav(await readFile(PROMPT)).samples;
    harness = await startSipServer([agent], (options) => {
      const session = createSession({ ...options, models: createLocalModels(options.agent) });
      const events: SessionEvent[] = [];
      session.subscribe((event) => events.push(event));
      sessions.push({ session, events });
      return session;
    });
  });

  after(async () => {
    for (const caller of callers) caller.close();
    await harness.close();
    await Promise.all(sessions.map(({ session }) => session.close()));
  });

  it('answers after the caller stops speaking, never while they speak', async () => {
    const caller = await RtpCaller.dial(harness.server.port, agent.id);
    callers.push(caller);
    await until('the greeting', () => caller.received.length > 0, 10_000);
    const greeting = audioSpan(caller.received, 0)!;
    await until(
      'the greeting to end',
      () => performance.now() - caller.received.at(-1)!.atMs > 400,
      20_000,
    );
    const spokeAtMs = performance.now();
    const stoppedAtMs = await caller.say(speech);
    await until(
      'a reply',
      () => caller.received.some((packet) => packet.atMs > stoppedAtMs),
      8_000,
    );
    const reply = audioSpan(caller.received, spokeAtMs)!;
    const { events } = sessions.at(-1)!;
    assert.ok(greeting.lastMs < spokeAtMs);
    assert.ok(reply.firstMs > stoppedAtMs, 'no agent audio while the caller spoke');
    const replyMs = reply.firstMs - stoppedAtMs;
    assert.ok(replyMs < 4_000, `caller stopped → first reply packet ${replyMs.toFixed(0)} ms`);
    assert.ok(events.some((event) => event.type === 'turn.start' && event.userText !== ''));
    const bye = await caller.hangUp();
    assert.equal(bye.status, 200);
  });

  it('stops talking when the caller talks over it, and keeps only what was heard', async () => {
    const caller = await RtpCaller.dial(harness.server.port, agent.id);
    callers.push(caller);
    await until('the greeting', () => caller.received.length > 0, 10_000);
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    const onsetMs = performance.now();
    void caller.say(speech);
    const { session, events } = sessions.at(-1)!;
    await until('an interrupt', () => events.some((event) => event.type === 'interrupt'), 8_000);
    await new Promise((resolve) => setTimeout(resolve, 400));
    const greeting = audioSpan(caller.received, 0)!;
    const silentAfterMs = greeting.lastMs - onsetMs;
    assert.ok(
      silentAfterMs < 2_500,
      `onset → agent silent on the line ${silentAfterMs.toFixed(0)} ms`,
    );
    const heard = session.history.find((message) => message.role === 'assistant');
    assert.ok(heard && typeof heard.content === 'string');
    assert.ok(heard.content.length < agent.greeting!.length, `history keeps "${heard.content}"`);
    assert.ok(
      agent.greeting!.startsWith(
        heard.content
          .replace(/[….]+$/, '')
          .trim()
          .slice(0, 10),
      ),
    );
    await caller.hangUp();
  });
});
