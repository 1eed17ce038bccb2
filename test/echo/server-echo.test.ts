/**
 * The echo default through the real server: what the client's session.start reports of its
 * microphone decides whether the session gets the speexdsp canceller.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { SessionOptions } from '../../src/conversation/types.ts';
import { echoCancellersFromEnv, echoSwitchFromEnv } from '../../src/server/echo-default.ts';
import { createServer, type ParleyServer } from '../../src/server/server.ts';
import { demoAgent, noModels, StubSession } from '../../src/server/stub-session.fixture.ts';
import { TestClient } from '../../src/server/ws-test-client.fixture.ts';
import { ConfigError } from '../../src/spec/errors.ts';

const quietAgent = { ...demoAgent, id: 'quiet', echoCancellation: false };
const loudAgent = { ...demoAgent, id: 'loud', echoCancellation: true };

describe('server: echo cancellation by default where the client has none', () => {
  let server: ParleyServer;
  let baseUrl: string;
  let staticDir: string;
  const opened: SessionOptions[] = [];

  before(async () => {
    staticDir = await mkdtemp(join(tmpdir(), 'parley-echo-static-'));
    server = createServer({
      port: 0,
      agents: [demoAgent, quietAgent, loudAgent],
      makeModels: () => noModels,
      createSession: (options) => {
        opened.push(options);
        return new StubSession(options);
      },
      echoCancellers: echoCancellersFromEnv({}),
      staticDir,
      onProblem: () => undefined,
      onNotice: () => undefined,
    });
    baseUrl = await server.listen();
  });

  after(async () => {
    for (const options of opened) options.echoCanceller?.close();
    await server.close();
    await rm(staticDir, { recursive: true, force: true });
  });

  async function start(fields: Record<string, unknown>): Promise<SessionOptions> {
    const client = await TestClient.open(baseUrl);
    try {
      const before = opened.length;
      client.sendJson({ type: 'session.start', sampleRate: 16_000, ...fields });
      await client.waitFor('session.ready');
      assert.equal(opened.length, before + 1);
      return opened.at(-1)!;
    } finally {
      await client.close();
    }
  }

  it('gives a browser that reports echo cancellation off the server-side canceller', async () => {
    const options = await start({ agent: 'demo', echoCancellation: false });
    assert.ok(options.echoCanceller, 'no canceller');
    const chunk = { samples: new Int16Array(320).fill(100), sampleRate: 16_000 };
    const result = options.echoCanceller.processNearEnd(chunk);
    assert.equal(result.cleaned.samples.length, 320, 'it is a working canceller');
  });

  it('gives a browser that does not say the canceller too', async () => {
    const options = await start({ agent: 'demo' });
    assert.ok(options.echoCanceller);
  });

  it('leaves a browser that cancels echo itself alone', async () => {
    const options = await start({ agent: 'demo', echoCancellation: true });
    assert.equal(options.echoCanceller, undefined);
  });

  it("follows the agent's own setting over what the client says", async () => {
    assert.equal(
      (await start({ agent: 'quiet', echoCancellation: false })).echoCanceller,
      undefined,
    );
    assert.ok((await start({ agent: 'loud', echoCancellation: true })).echoCanceller);
  });

  it('refuses an echoCancellation that is not a boolean, and opens no session', async () => {
    const client = await TestClient.open(baseUrl);
    const before = opened.length;
    client.sendJson({
      type: 'session.start',
      agent: 'demo',
      sampleRate: 16_000,
      echoCancellation: 'no',
    });
    const [error] = await client.errors(1);
    assert.equal(error?.code, 'bad-message');
    assert.match(error?.message ?? '', /echoCancellation/);
    assert.equal(opened.length, before);
    await client.close();
  });
});

describe('server: telephony sessions', () => {
  it('get the canceller by default: a phone line has no echo cancellation of its own', async () => {
    const opened: SessionOptions[] = [];
    let openSession: ((agent: typeof demoAgent, extra: object) => Promise<unknown>) | undefined;
    const server = createServer({
      port: 0,
      agents: [demoAgent],
      makeModels: () => noModels,
      createSession: (options) => {
        opened.push(options);
        return new StubSession(options);
      },
      echoCancellers: echoCancellersFromEnv({}),
      staticDir: tmpdir(),
      telephony: (open) => {
        openSession = open;
        return {
          handleRequest: () => Promise.resolve(false),
          handleUpgrade: () => false,
          activeCalls: 0,
          ready: Promise.resolve({}),
          sip: undefined,
          close: () => Promise.resolve(),
        };
      },
    });
    try {
      const session = (await openSession?.(demoAgent, {})) as StubSession;
      assert.ok(opened[0]?.echoCanceller, 'no canceller for a phone call');
      await session.close();
    } finally {
      opened[0]?.echoCanceller?.close();
      await server.close();
    }
  });
});

describe('server: the PARLEY_ECHO_CANCELLATION switch', () => {
  it('reads on, off and auto, and refuses anything else', () => {
    assert.equal(echoSwitchFromEnv('on'), true);
    assert.equal(echoSwitchFromEnv('OFF'), false);
    assert.equal(echoSwitchFromEnv(undefined), undefined);
    assert.equal(echoSwitchFromEnv('auto'), undefined);
    assert.throws(() => echoSwitchFromEnv('maybe'), ConfigError);
  });

  it('off wins over a telephony call and an agent that asks for it', async () => {
    const choose = echoCancellersFromEnv({ PARLEY_ECHO_CANCELLATION: 'off' });
    assert.equal(await choose(loudAgent, { transport: 'telephony' }), undefined);
  });

  it('on by default for a telephony call', async () => {
    const echo = await echoCancellersFromEnv({})(demoAgent, { transport: 'telephony' });
    assert.ok(echo);
    echo.close();
  });
});
