import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sine } from '../../src/audio/test-signals.ts';
import { StubSession, demoAgent } from '../../src/server/stub-session.fixture.ts';
import { RtpCaller } from './rtp-caller.ts';
import { startSipServer, type SipHarness } from './sip-harness.ts';

/** A scripted agent that talks for as long as the call lasts. */
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

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('SIP dialog', () => {
  let harness: SipHarness;
  const callers: RtpCaller[] = [];

  before(async () => {
    harness = await startSipServer([demoAgent], talkingSession);
  });

  after(async () => {
    for (const caller of callers) caller.close();
    await harness.close();
  });

  it('stops its audio while the caller holds the call and resumes after', async () => {
    const caller = await RtpCaller.dial(harness.server.port, 'demo');
    callers.push(caller);
    await sleep(300);
    assert.ok(caller.received.length > 5, 'audio before hold');
    const hold = await caller.reinvite('sendonly');
    assert.equal(hold.status, 200);
    assert.match(hold.body.toString('utf8'), /a=recvonly/);
    await sleep(100);
    const heldAt = caller.received.length;
    await sleep(400);
    assert.ok(caller.received.length - heldAt <= 1, 'no audio on hold');
    const resume = await caller.reinvite('sendrecv');
    assert.match(resume.body.toString('utf8'), /a=sendrecv/);
    await sleep(300);
    assert.ok(caller.received.length - heldAt > 5, 'audio after hold');
    assert.equal((await caller.hangUp()).status, 200);
  });

  it('hands the caller to a human with REFER, and hangs up all calls with BYE on close', async () => {
    const caller = await RtpCaller.dial(harness.server.port, 'demo');
    callers.push(caller);
    await sleep(200);
    const call = [...harness.server.userAgent.calls.values()].at(-1)!;
    call.transfer('sip:human@127.0.0.1:5099');
    await sleep(200);
    assert.deepEqual(caller.requests, ['REFER']);
    await harness.server.close();
    await sleep(200);
    assert.deepEqual(caller.requests, ['REFER', 'BYE']);
    assert.equal(harness.server.stats.activeCalls, 0);
    harness = await startSipServer([demoAgent], talkingSession);
  });
});
