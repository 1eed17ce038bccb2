import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { WireErrorCode } from '../transport/messages.ts';
import { createServer, type ParleyServer } from './server.ts';
import { demoAgent, noModels, StubSession } from './stub-session.fixture.ts';
import { TestClient } from './ws-test-client.fixture.ts';

const sessions: StubSession[] = [];
let server: ParleyServer;
let baseUrl: string;
let staticDir: string;

async function startedClient(): Promise<{ client: TestClient; session: StubSession }> {
  const client = await TestClient.open(baseUrl);
  client.sendJson({ type: 'session.start', agent: 'demo', sampleRate: 16_000 });
  const ready = await client.waitFor('session.ready');
  const session = sessions.find((s) => s.id === ready.sessionId);
  assert.ok(session);
  return { client, session };
}

async function expectError(
  client: TestClient,
  code: WireErrorCode,
  send: () => void,
): Promise<void> {
  const before = client.messages.filter((m) => m.type === 'error').length;
  send();
  const errors = await client.errors(before + 1);
  const error = errors[before];
  assert.equal(error?.code, code, JSON.stringify(error));
  assert.equal(error.fatal, false);
  assert.ok(error.message.length > 10, 'the error says what is wrong');
}

/** The connection still works: a typed turn reaches the session. */
async function assertStillServes(client: TestClient, session: StubSession): Promise<void> {
  const text = `still here ${Math.random()}`;
  client.sendJson({ type: 'text.input', text });
  for (let i = 0; i < 100 && !session.texts.includes(text); i++)
    await new Promise((r) => setTimeout(r, 10));
  assert.ok(session.texts.includes(text));
}

describe('browser protocol against hostile input', () => {
  before(async () => {
    staticDir = await mkdtemp(join(tmpdir(), 'parley-static-'));
    await writeFile(join(staticDir, 'index.html'), '<h1>picker</h1>');
    server = createServer({
      port: 0,
      agents: [demoAgent],
      makeModels: () => noModels,
      createSession: (options) => {
        const session = new StubSession(options);
        sessions.push(session);
        return session;
      },
      limits: { costBurst: 20_000, costPerSecond: 5_000 },
      staticDir,
      onProblem: () => undefined,
      onNotice: () => undefined,
    });
    baseUrl = await server.listen();
  });

  after(async () => {
    await server.close();
    await rm(staticDir, { recursive: true, force: true });
  });

  it('answers bad JSON with a bad-json error and keeps the session', async () => {
    const { client, session } = await startedClient();
    await expectError(client, 'bad-json', () => client.socket.send('{"type": "text.input", '));
    await assertStillServes(client, session);
    await client.close();
  });

  it('answers an unknown message type with an unknown-type error', async () => {
    const { client, session } = await startedClient();
    await expectError(client, 'unknown-type', () => client.sendJson({ type: 'launch.missiles' }));
    await assertStillServes(client, session);
    await client.close();
  });

  it('answers a message with wrong field types with a bad-message error', async () => {
    const { client, session } = await startedClient();
    await expectError(client, 'bad-message', () =>
      client.sendJson({ type: 'playback.position', turnId: 'one', playedMs: -5 }),
    );
    await expectError(client, 'bad-message', () => client.sendJson([1, 2, 3]));
    await expectError(client, 'bad-message', () =>
      client.sendJson({ type: 'text.input', text: 'x', evil: 1 }),
    );
    await assertStillServes(client, session);
    await client.close();
  });

  it('refuses a 200 KB text frame with frame-too-large and goes on', async () => {
    const { client, session } = await startedClient();
    const huge = JSON.stringify({ type: 'text.input', text: 'a'.repeat(200 * 1024) });
    await expectError(client, 'frame-too-large', () => client.socket.send(huge));
    await assertStillServes(client, session);
    await client.close();
  });

  it('refuses a 200 KB binary frame with frame-too-large and passes no audio on', async () => {
    const { client, session } = await startedClient();
    await expectError(client, 'frame-too-large', () =>
      client.socket.send(Buffer.alloc(200 * 1024)),
    );
    assert.equal(session.audio.length, 0);
    await assertStillServes(client, session);
    await client.close();
  });

  it('refuses a session.start at another sample rate', async () => {
    const client = await TestClient.open(baseUrl);
    await expectError(client, 'unsupported-sample-rate', () =>
      client.sendJson({ type: 'session.start', agent: 'demo', sampleRate: 44_100 }),
    );
    client.sendJson({ type: 'session.start', agent: 'demo', sampleRate: 16_000 });
    await client.waitFor('session.ready');
    await client.close();
  });

  it('ignores audio before session.start with a no-session error', async () => {
    const client = await TestClient.open(baseUrl);
    const created = sessions.length;
    await expectError(client, 'no-session', () => client.socket.send(Buffer.alloc(640)));
    await expectError(client, 'no-session', () => client.sendJson({ type: 'ptt.down' }));
    assert.equal(sessions.length, created);
    await client.close();
  });

  it('refuses an unknown agent', async () => {
    const client = await TestClient.open(baseUrl);
    await expectError(client, 'unknown-agent', () =>
      client.sendJson({ type: 'session.start', agent: '../../etc/passwd', sampleRate: 16_000 }),
    );
    await client.close();
  });

  it('refuses odd-length and over-long audio frames', async () => {
    const { client, session } = await startedClient();
    await expectError(client, 'bad-audio', () => client.socket.send(Buffer.alloc(641)));
    await expectError(client, 'bad-audio', () => client.socket.send(Buffer.alloc(16_000)));
    assert.equal(session.audio.length, 0);
    client.socket.send(Buffer.alloc(640));
    for (let i = 0; i < 100 && session.audio.length === 0; i++)
      await new Promise((r) => setTimeout(r, 10));
    assert.equal(session.audio[0]?.samples.length, 320);
    await client.close();
  });

  it('refuses a second session.start on the same connection', async () => {
    const { client } = await startedClient();
    await expectError(client, 'already-started', () =>
      client.sendJson({ type: 'session.start', agent: 'demo', sampleRate: 16_000 }),
    );
    await client.close();
  });

  it('drops a flood of messages with one rate-limited error and keeps serving later', async () => {
    const { client, session } = await startedClient();
    for (let i = 0; i < 400; i++)
      client.sendJson({ type: 'playback.position', turnId: 1, playedMs: i });
    const errors = await client.errors(1);
    assert.equal(errors.filter((e) => e.code === 'rate-limited').length, 1);
    assert.ok(
      session.positions.length < 400,
      `only part of the flood got through (${session.positions.length})`,
    );
    await new Promise((r) => setTimeout(r, 200));
    await assertStillServes(client, session);
    await client.close();
  });

  it('leaves a second concurrent session untouched while another is attacked', async () => {
    const good = await startedClient();
    const bad = await startedClient();
    bad.client.socket.send('not json');
    bad.client.socket.send(Buffer.alloc(200 * 1024));
    bad.client.sendJson({ type: 'nope' });
    await bad.client.errors(3);
    await assertStillServes(good.client, good.session);
    assert.equal(good.client.messages.filter((m) => m.type === 'error').length, 0);
    await Promise.all([good.client.close(), bad.client.close()]);
  });

  it('closes the session and unsubscribes when the socket closes', async () => {
    const { client, session } = await startedClient();
    assert.equal(session.listenerCount, 1);
    await client.close();
    for (let i = 0; i < 100 && !session.closed; i++) await new Promise((r) => setTimeout(r, 10));
    assert.equal(session.closed, true);
    assert.equal(session.listenerCount, 0);
  });
});
