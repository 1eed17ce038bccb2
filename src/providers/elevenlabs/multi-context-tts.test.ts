import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import WebSocket from 'ws';
import { collectParts } from '../../testing/conformance/helpers.ts';
import { describeTtsConformance } from '../../testing/conformance/tts.ts';
import { describeSessionTts } from '../../testing/conformance/session-tts.ts';
import { createElevenLabsMultiContextTts } from './multi-context-tts.ts';
import { connectWebSocket } from '../resilience/ws.ts';
import { INACTIVITY_TIMEOUT_S, MAX_CONTEXTS } from './multi-rules.ts';
import {
  startElevenLabsMultiTestServer,
  type ElevenLabsMultiTestServer,
} from './multi-test-server.ts';
import { MS_PER_CHAR } from './test-server.ts';

let server: ElevenLabsMultiTestServer;
let idleServer: ElevenLabsMultiTestServer;
const IDLE_MS = 300;
before(async () => {
  server = await startElevenLabsMultiTestServer();
  idleServer = await startElevenLabsMultiTestServer({ idleTimeoutMs: IDLE_MS });
});
after(async () => {
  await server.close();
  await idleServer.close();
});

const eleven = (voiceId = 'voice-1', baseUrl = server.url) =>
  createElevenLabsMultiContextTts({
    apiKey: 'test-key',
    voiceId,
    baseUrl,
    timeoutMs: 2_000,
    retry: { baseDelayMs: 1, maxDelayMs: 5, maxAttempts: 1 },
  });
/** The fake speaks each flushed chunk with its trailing space. */
const spokenMs = (chunks: readonly string[]) =>
  chunks.reduce((ms, chunk) => ms + (chunk.length + 1) * MS_PER_CHAR, 0);
const closedContexts = (fake: ElevenLabsMultiTestServer) =>
  fake.received.filter((m) => m.close_context === true).length;

describeTtsConformance('elevenlabs multi-context', () => eleven(), {
  sampleRates: [16_000, 24_000, 11_025],
  makeFailingModel: () => eleven('no-such-voice'),
  openResources: () => server.openSockets(),
});

describeSessionTts('elevenlabs multi-context', () => eleven(), {
  server: () => server,
  // Each reply closes its context; a barge-in closes it before its final message.
  cancels: () => closedContexts(server),
  audioMs: spokenMs,
  idle: {
    model: () => eleven('voice-1', idleServer.url),
    server: () => idleServer,
    idleMs: IDLE_MS,
  },
});

describe('elevenlabs multi-context socket', () => {
  it('opens one context per reply and closes each, then the socket with close_socket', async () => {
    const session = eleven().openSession();
    const from = server.received.length;
    for (const text of ['Hello there.', 'Bye now.']) {
      const parts = await collectParts(
        session.stream({
          text: texts(text),
          sampleRate: 16_000,
          signal: new AbortController().signal,
        }),
      );
      assert.ok(parts.some((p) => p.type === 'audio'));
    }
    await session.close();
    const received = server.received.slice(from);
    const ids = new Set(
      received.flatMap((m) => (typeof m.context_id === 'string' ? [m.context_id] : [])),
    );
    assert.equal(ids.size, 2, 'two contexts');
    for (const id of ids) {
      assert.ok(
        received.some((m) => m.context_id === id && m.close_context === true),
        `${id} closed`,
      );
    }
    assert.equal(received.at(-1)?.close_socket, true);
    assert.equal(server.openContexts(), 0);
  });

  it('asks for the longest inactivity_timeout, and the fake closes an idle socket with input_timeout_exceeded', async () => {
    const socket = new WebSocket(
      `${idleServer.url}/v1/text-to-speech/voice-1/multi-stream-input?output_format=pcm_16000&inactivity_timeout=${INACTIVITY_TIMEOUT_S}`,
      { headers: { 'xi-api-key': 'test-key' } },
    );
    const messages: string[] = [];
    socket.on('message', (data: Buffer) => messages.push(data.toString()));
    const closed = new Promise<number>((resolve) => socket.once('close', resolve));
    assert.equal(await closed, 1008);
    assert.equal(
      (JSON.parse(messages.at(-1) ?? '{}') as { error?: string }).error,
      'input_timeout_exceeded',
    );
  });
});

async function* texts(...chunks: string[]): AsyncGenerator<string> {
  for (const chunk of chunks) yield await Promise.resolve(chunk);
}

describe('elevenlabs multi-context strict fake', () => {
  const connect = async () => {
    const socket = new WebSocket(
      `${server.url}/v1/text-to-speech/voice-1/multi-stream-input?output_format=pcm_16000`,
      { headers: { 'xi-api-key': 'test-key' } },
    );
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    return socket;
  };

  it(`refuses a context beyond ${MAX_CONTEXTS} open on one socket with max_active_conversations and close 1008`, async () => {
    const socket = await connect();
    const messages: string[] = [];
    socket.on('message', (data: Buffer) => messages.push(data.toString()));
    const closed = new Promise<number>((resolve) => socket.once('close', resolve));
    for (let i = 0; i <= MAX_CONTEXTS; i++)
      socket.send(JSON.stringify({ text: ' ', context_id: `c${i}` }));
    assert.equal(await closed, 1008);
    const body = JSON.parse(messages.at(-1) ?? '{}') as { error?: string };
    assert.equal(body.error, 'max_active_conversations');
  });

  it('refuses an unknown voice at the handshake with voice_not_found', async () => {
    await assert.rejects(
      connectWebSocket({
        provider: 'elevenlabs',
        url: `${server.url}/v1/text-to-speech/nobody/multi-stream-input?output_format=pcm_16000`,
        headers: { 'xi-api-key': 'test-key' },
        signal: new AbortController().signal,
        timeoutMs: 2_000,
      }),
      (error: Error & { statusCode?: number }) =>
        error.statusCode === 400 && error.message.includes('"status":"voice_not_found"'),
    );
  });
});
