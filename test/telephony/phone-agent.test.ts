import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { demoAgent, StubSession } from '../../src/server/stub-session.fixture.ts';
import type { AgentDefinition } from '../../src/index.ts';
import { VirtualClock } from '../../src/testing/index.ts';
import { TelephonyCall } from '../../src/transport/telephony/call.ts';
import { phoneAgent } from '../../src/transport/telephony/phone-agent.ts';

const pushToTalk: AgentDefinition = {
  ...demoAgent,
  name: 'Technician copilot',
  inputMode: 'push-to-talk',
};

function callFor(agent: AgentDefinition) {
  const session = new StubSession({ agent, models: {} as never, outputSampleRate: 8000 });
  const clock = new VirtualClock();
  const call = new TelephonyCall({
    session,
    codec: 'pcmu',
    clock,
    sink: { sendAudio: () => {}, clear: () => {} },
  });
  return { session, call, clock };
}

describe('an agent on the phone', () => {
  it('keeps a voice agent with a greeting as it is', () => {
    const agent = { ...demoAgent, greeting: 'Hello.' };
    assert.equal(phoneAgent(agent), agent);
  });

  it('gives an agent without a greeting its name to say, so the caller knows who answered', () => {
    assert.equal(phoneAgent(demoAgent).greeting, 'Demo.');
  });

  it('tells the caller of a push-to-talk agent to use the star key, in the agent language', () => {
    assert.equal(
      phoneAgent(pushToTalk).greeting,
      'Technician copilot. Press star to talk, and star again when you are done.',
    );
    const spanish = phoneAgent({ ...pushToTalk, language: 'es-ES', greeting: 'Hola.' });
    assert.equal(
      spanish.greeting,
      'Hola. Pulse asterisco para hablar, y asterisco otra vez al terminar.',
    );
  });

  it('opens the push-to-talk microphone on star and closes it on star or pound', async () => {
    const { session, call } = callFor(pushToTalk);
    call.pressKey('*');
    call.pressKey('*');
    call.pressKey('*');
    call.pressKey('#');
    assert.deepEqual(session.ptt, ['down', 'up', 'down', 'up']);
    assert.deepEqual(session.texts, []);
    await call.close();
  });

  it('keeps digits and a closed-microphone pound as keypad entries for a push-to-talk agent', async () => {
    const { session, call } = callFor(pushToTalk);
    for (const key of '42#') call.pressKey(key);
    assert.deepEqual(session.texts, ['42']);
    assert.deepEqual(session.ptt, []);
    await call.close();
  });

  it('treats star as a keypad key for a voice agent', async () => {
    const { session, call } = callFor(demoAgent);
    for (const key of '*7#') call.pressKey(key);
    assert.deepEqual(session.texts, ['*7']);
    assert.deepEqual(session.ptt, []);
    await call.close();
  });

  it('ignores keys after the call closed', async () => {
    const { session, call } = callFor(pushToTalk);
    await call.close();
    call.pressKey('*');
    assert.deepEqual(session.ptt, []);
  });
});
