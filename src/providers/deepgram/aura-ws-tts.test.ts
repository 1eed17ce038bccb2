import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ProviderError } from '../../spec/errors.ts';
import { collectParts } from '../../testing/conformance/helpers.ts';
import { describeTtsConformance } from '../../testing/conformance/tts.ts';
import { describeSessionTts } from '../../testing/conformance/session-tts.ts';
import { startAuraWsTestServer, type AuraWsTestServer } from './aura-ws-test-server.ts';
import { createDeepgramAuraStreamTts } from './aura-ws-tts.ts';

let server: AuraWsTestServer;
let idleServer: AuraWsTestServer;
const IDLE_MS = 300;
before(async () => {
  server = await startAuraWsTestServer();
  idleServer = await startAuraWsTestServer({ idleTimeoutMs: IDLE_MS });
});
after(async () => {
  await server.close();
  await idleServer.close();
});

const aura = (model?: string, baseUrl = server.url) =>
  createDeepgramAuraStreamTts({
    apiKey: 'test-key',
    ...(model ? { model } : {}),
    baseUrl,
    retry: { baseDelayMs: 1, maxDelayMs: 5 },
  });
async function* texts(...chunks: string[]): AsyncGenerator<string> {
  for (const chunk of chunks) yield await Promise.resolve(chunk);
}
const run = (model: ReturnType<typeof aura>, ...chunks: string[]) =>
  collectParts(
    model.stream({
      text: texts(...chunks),
      sampleRate: 16_000,
      signal: new AbortController().signal,
    }),
  );

describeTtsConformance('deepgram aura websocket', () => aura(), {
  makeFailingModel: () => aura('en-us'),
  openResources: () => server.openSockets(),
});

describeSessionTts('deepgram aura websocket', () => aura(), {
  server: () => server,
  cancels: () => server.cleared(),
  // Each chunk is spoken as sent, 80 ms a character.
  audioMs: (chunks) => chunks.reduce((ms, chunk) => ms + chunk.length * 80, 0),
  idle: { model: () => aura(undefined, idleServer.url), server: () => idleServer, idleMs: IDLE_MS },
});

describe('deepgram aura websocket', () => {
  it('ends each chunk at its Flushed, after its audio, on one socket', async () => {
    const before = server.connections;
    const parts = await run(aura('aura-2-nestor-es'), 'Hola.', ' ', '¿Qué le pongo?');
    assert.deepEqual(
      parts.flatMap((p) => (p.type === 'segment-end' ? [p.text] : [])),
      ['Hola.', ' ', '¿Qué le pongo?'],
    );
    assert.equal(parts.at(-1)?.type, 'segment-end');
    const audioMs = parts.reduce(
      (ms, p) => ms + (p.type === 'audio' ? p.chunk.samples.length / 16 : 0),
      0,
    );
    assert.ok(Math.abs(audioMs - 'Hola.¿Qué le pongo?'.length * 80) < 5, String(audioMs));
    assert.equal(server.connections - before, 1);
  });

  it('clears queued audio when aborted mid-reply', async () => {
    const controller = new AbortController();
    async function* slow(): AsyncGenerator<string> {
      yield 'Hello there.';
      await new Promise((resolve) => setTimeout(resolve, 5_000));
    }
    const cleared = server.cleared();
    for await (const part of aura().stream({
      text: slow(),
      sampleRate: 16_000,
      signal: controller.signal,
    })) {
      if (part.type === 'audio') controller.abort();
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal(server.cleared(), cleared + 1);
  });
});

describe('strict Aura websocket fake', () => {
  it('refuses an unknown voice at the handshake', async () => {
    const [part] = await run(aura('en-us'), 'Hi.');
    assert.ok(part?.type === 'error' && part.error instanceof ProviderError);
    assert.deepEqual([part.error.statusCode, part.error.retryable], [400, false]);
  });

  it('answers a Speak over 2000 characters with an Error', async () => {
    const parts = await run(aura(), 'a'.repeat(2_001));
    assert.ok(parts.at(-1)?.type === 'error');
  });
});
