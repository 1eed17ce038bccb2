import assert from 'node:assert/strict';
import { mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createServer, type ParleyServer } from './server.ts';
import { resolveStaticPath } from './static-files.ts';
import { demoAgent, noModels, StubSession } from './stub-session.fixture.ts';
import { TestClient } from './ws-test-client.fixture.ts';

describe('resolveStaticPath', () => {
  it('maps / to index.html and refuses paths that leave the root', () => {
    assert.equal(resolveStaticPath('/srv/web', '/'), '/srv/web/index.html');
    assert.equal(resolveStaticPath('/srv/web', '/app.js'), '/srv/web/app.js');
    assert.equal(resolveStaticPath('/srv/web', '/../secret'), undefined);
    assert.equal(resolveStaticPath('/srv/web', '/%2e%2e/%2e%2e/etc/passwd'), undefined);
    assert.equal(resolveStaticPath('/srv/web', '/a/../b.js'), '/srv/web/b.js');
    assert.equal(resolveStaticPath('/srv/web', '/%E0%A4%A'), undefined);
    assert.equal(resolveStaticPath('/srv/web', '/a%00b'), undefined);
  });
});

const TOKEN = 'open-sesame-0123456789abcdef';
const bearer = { authorization: `Bearer ${TOKEN}` };

describe('server over HTTP and WebSocket', () => {
  let server: ParleyServer;
  let baseUrl: string;
  let staticDir: string;
  const sessions: StubSession[] = [];

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
      token: TOKEN,
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

  it('serves the picker page, the agent list and health', async () => {
    const page = await fetch(`${baseUrl}/`, { headers: bearer });
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-type') ?? '', /text\/html/);
    assert.equal(await page.text(), '<h1>picker</h1>');
    const agents = (await (await fetch(`${baseUrl}/api/agents`, { headers: bearer })).json()) as {
      id: string;
    }[];
    assert.deepEqual(
      agents.map((agent) => agent.id),
      ['demo'],
    );
    assert.equal(
      JSON.stringify(agents).includes('You are a test'),
      false,
      'the prompt stays private',
    );
    const health = (await (await fetch(`${baseUrl}/healthz`)).json()) as { ok: boolean };
    assert.equal(health.ok, true);
  });

  it('refuses to follow a symbolic link out of the web folder', async () => {
    const secretDir = await mkdtemp(join(tmpdir(), 'parley-secret-'));
    await writeFile(join(secretDir, 'secret.txt'), 'private');
    await symlink(join(secretDir, 'secret.txt'), join(staticDir, 'leak.txt'));
    await symlink(secretDir, join(staticDir, 'leakdir'));
    assert.equal((await fetch(`${baseUrl}/leak.txt`, { headers: bearer })).status, 404);
    assert.equal((await fetch(`${baseUrl}/leakdir/secret.txt`, { headers: bearer })).status, 404);
    await rm(secretDir, { recursive: true, force: true });
  });

  it('answers 404 for missing files and 405 for other methods', async () => {
    assert.equal((await fetch(`${baseUrl}/nope.js`, { headers: bearer })).status, 404);
    assert.equal((await fetch(`${baseUrl}/`, { method: 'POST', headers: bearer })).status, 405);
  });

  it('requires the token when one is configured', async () => {
    const client = await TestClient.open(baseUrl);
    client.sendJson({ type: 'session.start', agent: 'demo', sampleRate: 16_000, token: 'guess' });
    const error = await client.waitFor('error');
    assert.equal(error.code, 'unauthorized');
    client.sendJson({ type: 'session.start', agent: 'demo', sampleRate: 16_000, token: TOKEN });
    const ready = await client.waitFor('session.ready');
    assert.equal(ready.inputSampleRate, 16_000);
    assert.equal(ready.agent.id, 'demo');
    await client.close();
  });

  it('refuses a WebSocket opened by a page from another origin', async () => {
    await assert.rejects(TestClient.open(baseUrl, { origin: 'http://evil.example' }), /403/);
  });

  it('sends session events as JSON and agent audio as binary frames', async () => {
    const client = await TestClient.open(baseUrl);
    client.sendJson({ type: 'session.start', agent: 'demo', sampleRate: 16_000, token: TOKEN });
    const ready = await client.waitFor('session.ready');
    const session = sessions.find((s) => s.id === ready.sessionId);
    assert.ok(session);
    session.emit({ type: 'agent.audio.start', turnId: 1, sampleRate: 24_000 });
    session.emit({
      type: 'agent.audio',
      turnId: 1,
      chunk: { samples: Int16Array.from([1, -2, 3]), sampleRate: 24_000 },
      offsetMs: 0,
    });
    session.emit({ type: 'agent.audio.end', turnId: 1, interrupted: false });
    await client.waitFor('agent.audio.end');
    assert.deepEqual(
      client.messages.map((m) => m.type),
      ['session.ready', 'agent.audio.start', 'agent.audio.end'],
    );
    const frame = client.binaryFrames[0];
    assert.ok(frame);
    assert.deepEqual(
      [frame.readInt16LE(0), frame.readInt16LE(2), frame.readInt16LE(4)],
      [1, -2, 3],
    );
    await client.close();
  });

  it('closes every session when the server closes', async () => {
    const extra = createServer({
      port: 0,
      agents: [demoAgent],
      makeModels: () => noModels,
      createSession: (options) => new StubSession(options),
      staticDir,
    });
    const url = await extra.listen();
    const client = await TestClient.open(url);
    client.sendJson({ type: 'session.start', agent: 'demo', sampleRate: 16_000 });
    await client.waitFor('session.ready');
    assert.equal(extra.connectionCount, 1);
    await extra.close();
    assert.equal(extra.connectionCount, 0);
    await client.close();
  });

  it('closes a session that finishes starting after its socket has gone', async () => {
    let releaseModels: () => void = () => undefined;
    const created: StubSession[] = [];
    const slow = createServer({
      port: 0,
      agents: [demoAgent],
      makeModels: () => new Promise((resolve) => (releaseModels = () => resolve(noModels))),
      createSession: (options) => {
        const session = new StubSession(options);
        created.push(session);
        return session;
      },
      staticDir,
    });
    const url = await slow.listen();
    const client = await TestClient.open(url);
    client.sendJson({ type: 'session.start', agent: 'demo', sampleRate: 16_000 });
    await new Promise((resolve) => setTimeout(resolve, 50));
    await client.close();
    for (let i = 0; i < 100 && slow.connectionCount > 0; i++)
      await new Promise((r) => setTimeout(r, 10));
    releaseModels();
    for (let i = 0; i < 100 && !created[0]?.closed; i++)
      await new Promise((r) => setTimeout(r, 10));
    assert.equal(created[0]?.closed, true);
    await slow.close();
  });
});
