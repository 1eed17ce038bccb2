import assert from 'node:assert/strict';
import { rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { ServerMessage } from '../transport/messages.ts';
import { signIdentity } from './identity-token.ts';
import { startSupportServer, type SupportServer } from './support-server.fixture.ts';
import { TestClient } from './ws-test-client.fixture.ts';

const SECRET = 'abuse-test-secret-0123456789abcdefghij';
const inAnHour = () => Math.floor(Date.now() / 1000) + 3600;

async function open(baseUrl: string, identity?: string): Promise<TestClient> {
  const client = await TestClient.open(baseUrl);
  client.sendJson({
    type: 'session.start',
    agent: 'support',
    sampleRate: 16_000,
    ...(identity ? { identity } : {}),
  });
  await client.waitFor('session.ready');
  return client;
}

/** Types one turn and returns the agent's whole reply text. */
async function say(client: TestClient, text: string): Promise<string> {
  const before = client.messages.length;
  client.sendJson({ type: 'text.input', text });
  const isNew = (m: ServerMessage) => client.messages.indexOf(m) >= before;
  await client.waitFor('turn.end', isNew, 15_000);
  return client.messages
    .slice(before)
    .map((m) => (m.type === 'agent.text' ? m.text : ''))
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();
}

describe('abuse: callers are who they say, through the whole server', () => {
  let running: SupportServer;
  before(async () => {
    running = await startSupportServer({ identitySecret: SECRET });
  });
  after(() => running.stop());

  it("does not let a second session read or refund another caller's order", async () => {
    const dana = await open(
      running.baseUrl,
      signIdentity({ sub: 'u-dana', customerId: 'C-1001', exp: inAnHour() }, SECRET),
    );
    const mallory = await open(
      running.baseUrl,
      signIdentity({ sub: 'u-mallory', customerId: 'C-1007', exp: inAnHour() }, SECRET),
    );
    const anonymous = await open(running.baseUrl);
    assert.match(await say(dana, 'I want a refund for order 4571.'), /Done\. Refund R-/);
    for (const stranger of [mallory, anonymous]) {
      const status = await say(stranger, 'Where is my order 4571?');
      const refund = await say(stranger, 'Please refund order 4571.');
      assert.match(status, /I need the postcode on order 4 5 7 1/);
      assert.match(refund, /I need the postcode on order 4 5 7 1/);
      assert.doesNotMatch(`${status} ${refund}`, /R-|89|delayed|depot/);
    }
    assert.match(await say(dana, 'Refund order 4571 please.'), /already requested/);
    await Promise.all([dana.close(), mallory.close(), anonymous.close()]);
  });

  it('refuses identity claims signed with another secret', async () => {
    const client = await TestClient.open(running.baseUrl);
    const forged = signIdentity({ customerId: 'C-1001', exp: inAnHour() }, `${SECRET}-forged`);
    client.sendJson({
      type: 'session.start',
      agent: 'support',
      sampleRate: 16_000,
      identity: forged,
    });
    const error = await client.waitFor('error');
    assert.equal(error.code, 'bad-identity');
    await client.close();
  });
});

describe('abuse: storage failures are told the truth', () => {
  it('says it cannot reach the system (never "not found") and logs the session id', async () => {
    const blocker = join(tmpdir(), `parley-not-a-dir-${process.pid}`);
    await writeFile(blocker, '');
    const running = await startSupportServer({}, { dataDir: join(blocker, 'data') });
    try {
      const client = await open(running.baseUrl);
      const ready = client.messages.find((m) => m.type === 'session.ready');
      const reply = await say(client, 'Where is my order 4571?');
      assert.match(reply, /can't reach our system right now/);
      assert.doesNotMatch(reply, /couldn't find|not found/i);
      const sessionId = ready?.type === 'session.ready' ? ready.sessionId : '?';
      assert.ok(
        running.problems.some((line) => line.includes(`session ${sessionId}:`)),
        running.problems.join('\n'),
      );
      await client.close();
    } finally {
      await running.stop();
      await rm(blocker, { force: true });
    }
  });
});
