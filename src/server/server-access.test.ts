import assert from 'node:assert/strict';
import { request } from 'node:http';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { WebSocket } from 'ws';
import { createServer, type ParleyServer } from './server.ts';
import { demoAgent, noModels, StubSession } from './stub-session.fixture.ts';
import { TestClient } from './ws-test-client.fixture.ts';

const TOKEN = 'k3y-for-tests-0123456789abcdefXYZ';
const start = { type: 'session.start', agent: 'demo', sampleRate: 16_000 };

/** A raw GET or WebSocket upgrade with the headers a rebound page would send. */
function rawStatus(
  baseUrl: string,
  path: string,
  headers: Record<string, string>,
): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(`${baseUrl}${path}`, { headers });
    req.on('response', (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    req.on('upgrade', (_response, socket) => {
      socket.destroy();
      resolve(101);
    });
    req.on('error', reject);
    req.end();
  });
}

function closeCode(client: TestClient): Promise<number> {
  if (client.closeCode !== undefined) return Promise.resolve(client.closeCode);
  return new Promise((resolve) => client.socket.once('close', (code) => resolve(code)));
}

describe('server access control', () => {
  let staticDir: string;
  let server: ParleyServer;
  let baseUrl: string;
  let port: string;

  before(async () => {
    staticDir = await mkdtemp(join(tmpdir(), 'parley-static-'));
    await writeFile(join(staticDir, 'index.html'), '<h1>picker</h1>');
    server = createServer({
      port: 0,
      agents: [demoAgent],
      makeModels: () => noModels,
      createSession: (options) => new StubSession(options),
      token: TOKEN,
      admission: { maxSessions: 1, maxConnections: 4, maxConnectionsPerAddress: 100 },
      staticDir,
      onProblem: () => undefined,
      onNotice: () => undefined,
    });
    baseUrl = await server.listen();
    port = new URL(baseUrl).port;
  });

  after(async () => {
    await server.close();
    await rm(staticDir, { recursive: true, force: true });
  });

  it('refuses a DNS-rebound page (Host and Origin evil.example) on HTTP and WebSocket', async () => {
    const evil = { host: `evil.example:${port}`, origin: `http://evil.example:${port}` };
    const upgrade = { connection: 'Upgrade', upgrade: 'websocket', 'sec-websocket-version': '13' };
    const key = { 'sec-websocket-key': Buffer.alloc(16, 7).toString('base64') };
    assert.equal(await rawStatus(baseUrl, `/?token=${TOKEN}`, evil), 421);
    assert.equal(await rawStatus(baseUrl, '/api/agents', evil), 421);
    assert.equal(await rawStatus(baseUrl, '/ws', { ...evil, ...upgrade, ...key }), 421);
    const local = { host: `localhost:${port}`, origin: `http://localhost:${port}` };
    assert.equal(await rawStatus(baseUrl, '/ws', { ...local, ...upgrade, ...key }), 101);
  });

  it('requires the token for pages and /api, swapping ?token= for an HttpOnly cookie', async () => {
    assert.equal((await fetch(`${baseUrl}/`)).status, 401);
    assert.equal((await fetch(`${baseUrl}/api/agents`)).status, 401);
    assert.equal((await fetch(`${baseUrl}/health`)).status, 200);
    const first = await fetch(`${baseUrl}/?token=${TOKEN}&agent=demo`, { redirect: 'manual' });
    assert.equal(first.status, 303);
    assert.equal(first.headers.get('location'), '/?agent=demo');
    const cookie = first.headers.get('set-cookie') ?? '';
    assert.match(cookie, /HttpOnly; SameSite=Lax/);
    const page = await fetch(`${baseUrl}/`, { headers: { cookie: cookie.split(';')[0] ?? '' } });
    assert.equal(await page.text(), '<h1>picker</h1>');
  });

  it('accepts a WebSocket whose upgrade carried the cookie without a token in session.start', async () => {
    const client = await TestClient.open(baseUrl, { cookie: `parley_token=${TOKEN}` });
    client.sendJson(start);
    await client.waitFor('session.ready');
    await client.close();
  });

  it('closes a socket after three wrong tokens', async () => {
    const client = await TestClient.open(baseUrl);
    for (const guess of ['a', 'b', 'c']) client.sendJson({ ...start, token: guess });
    assert.equal(await closeCode(client), 1008);
    const errors = client.messages.filter((m) => m.type === 'error');
    assert.deepEqual(
      errors.map((e) => e.type === 'error' && [e.code, e.fatal]),
      [
        ['unauthorized', false],
        ['unauthorized', false],
        ['unauthorized', true],
      ],
    );
  });

  it('refuses a frame over 4 KiB before a session starts, and takes it after', async () => {
    const early = await TestClient.open(baseUrl);
    early.socket.send(Buffer.alloc(5 * 1024));
    assert.equal(await closeCode(early), 1009);
    const client = await TestClient.open(baseUrl);
    client.sendJson({ ...start, token: TOKEN });
    await client.waitFor('session.ready');
    client.sendJson({ type: 'text.input', text: 'x'.repeat(5_000) });
    const error = await client.waitFor('error');
    assert.equal(error.code, 'bad-message'); // read and judged, not cut off by the socket
    await client.close();
  });

  it('answers busy at the session cap and admits again once a session ends', async () => {
    const first = await TestClient.open(baseUrl);
    first.sendJson({ ...start, token: TOKEN });
    await first.waitFor('session.ready');
    const second = await TestClient.open(baseUrl);
    second.sendJson({ ...start, token: TOKEN });
    const busy = await second.waitFor('error');
    assert.equal(busy.code, 'busy');
    await first.close();
    for (let i = 0; i < 100 && server.sessionCount > 0; i++)
      await new Promise((r) => setTimeout(r, 10));
    second.sendJson({ ...start, token: TOKEN });
    await second.waitFor('session.ready');
    await second.close();
  });

  it('refuses a WebSocket over the connection cap with HTTP 503', async () => {
    const open = await Promise.all([1, 2, 3, 4].map(() => TestClient.open(baseUrl)));
    await assert.rejects(TestClient.open(baseUrl), /503/);
    await Promise.all(open.map((client) => client.close()));
  });

  it('refuses a WebSocket over the per-address cap with HTTP 429', async () => {
    const narrow = createServer({
      port: 0,
      agents: [demoAgent],
      makeModels: () => noModels,
      createSession: (options) => new StubSession(options),
      admission: { maxConnectionsPerAddress: 2 },
      staticDir,
      onNotice: () => undefined,
    });
    const url = await narrow.listen();
    const open = [await TestClient.open(url), await TestClient.open(url)];
    await assert.rejects(TestClient.open(url), /429/);
    await open[0]?.close();
    for (let i = 0; i < 100 && narrow.connectionCount > 1; i++)
      await new Promise((r) => setTimeout(r, 10));
    const again = await TestClient.open(url);
    await Promise.all([again.close(), open[1]?.close()]);
    await narrow.close();
  });

  it('gives the slot back when a WebSocket handshake is malformed', async () => {
    const upgrade = { connection: 'Upgrade', upgrade: 'websocket', 'sec-websocket-version': '13' };
    for (let i = 0; i < 6; i++)
      assert.equal(
        await rawStatus(baseUrl, '/ws', { ...upgrade, 'sec-websocket-key': 'bad' }),
        400,
      );
    const client = await TestClient.open(baseUrl);
    await client.close();
  });

  it('answers an invalid UTF-8 text frame with bad-utf8, then closes with 1007', async () => {
    const client = await TestClient.open(baseUrl);
    client.socket.send(Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), { binary: false });
    assert.equal(await closeCode(client), 1007);
    assert.equal(client.messages[0]?.type === 'error' && client.messages[0].code, 'bad-utf8');
  });

  it('refuses ptt.up on a voice-activated agent instead of muting it', async () => {
    const client = await TestClient.open(baseUrl);
    client.sendJson({ ...start, token: TOKEN });
    await client.waitFor('session.ready');
    client.sendJson({ type: 'ptt.up' });
    const error = await client.waitFor('error');
    assert.equal(error.code, 'not-supported');
    await client.close();
    assert.equal(client.socket.readyState, WebSocket.CLOSED);
  });
});
