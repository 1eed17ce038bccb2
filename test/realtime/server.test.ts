import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import OpenAI from 'openai';
import { OpenAIRealtimeWS } from 'openai/realtime/ws';
import { createSession } from '../../src/conversation/index.ts';
import { DEMO_AGENT } from '../../src/server/demo-agent.ts';
import { createServer, type ParleyServer } from '../../src/server/server.ts';
import { systemClock } from '../../src/stream/system-clock.ts';
import {
  createFakeLlm,
  createFakeStt,
  createFakeTts,
  createFakeVad,
} from '../../src/testing/index.ts';
import { TOKEN } from './harness.ts';
import { selfSignedCertificate } from './tls.ts';

/** The Realtime endpoint as `npm start` serves it: beside the browser protocol, over HTTPS. */
describe("Parley's server answers Realtime clients at /v1/realtime", { timeout: 60_000 }, () => {
  let server: ParleyServer;
  let baseURL = '';
  let cert: Buffer;
  let staticDir = '';
  before(async () => {
    staticDir = await mkdtemp(join(tmpdir(), 'parley-rt-static-'));
    const tls = await selfSignedCertificate();
    cert = tls.cert;
    server = createServer({
      host: '127.0.0.1',
      port: 0,
      agents: [DEMO_AGENT],
      token: TOKEN,
      tls,
      staticDir,
      createSession,
      makeModels: () => ({
        vad: createFakeVad({ clock: systemClock, script: [] }),
        stt: createFakeStt({ clock: systemClock, script: [] }),
        llm: createFakeLlm({ clock: systemClock, responses: { text: 'We open at seven.' } }),
        tts: createFakeTts({ clock: systemClock, msPerWord: 30 }),
      }),
      onNotice: () => undefined,
    });
    baseURL = `${await server.listen()}/v1`;
  });
  after(async () => {
    await server.close();
    await rm(staticDir, { recursive: true, force: true });
  });

  const connect = (apiKey: string, model: string) => {
    const rt = new OpenAIRealtimeWS(
      { model, options: { ca: cert } },
      new OpenAI({ apiKey, baseURL }),
    );
    return rt;
  };
  const handshake = (rt: OpenAIRealtimeWS) =>
    new Promise<number>((resolve) => {
      rt.socket.once('open', () => resolve(101));
      rt.socket.once('unexpected-response', (_request, response) =>
        resolve(response.statusCode ?? 0),
      );
      rt.socket.once('error', () => undefined);
    });

  it('answers a typed question over wss with the token', async () => {
    const rt = connect(TOKEN, 'demo');
    const transcript = new Promise<string>((resolve) =>
      rt.on('response.output_audio_transcript.done', (event) => resolve(event.transcript)),
    );
    assert.equal(await handshake(rt), 101);
    rt.send({
      type: 'conversation.item.create',
      item: {
        type: 'message',
        role: 'user',
        content: [{ type: 'input_text', text: 'When do you open?' }],
      },
    });
    rt.send({ type: 'response.create' });
    assert.equal(await transcript, 'We open at seven.');
    rt.close();
  });

  it('refuses a wrong token (401) and an unknown agent (404) at the handshake', async () => {
    assert.equal(await handshake(connect('wrong-token-wrong-token-wrong', 'demo')), 401);
    assert.equal(await handshake(connect(TOKEN, 'nobody')), 404);
  });
});
