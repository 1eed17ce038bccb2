import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import WebSocket from 'ws';
import type { TtsPart } from '../../spec/tts.ts';
import { collectParts } from '../../testing/conformance/helpers.ts';
import { describeTtsConformance } from '../../testing/conformance/tts.ts';
import {
  createElevenLabsMultiContextTts,
  type ElevenLabsMultiContextTts,
} from './multi-context-tts.ts';
import { connectWebSocket } from '../resilience/ws.ts';
import { MAX_CONTEXTS } from './multi-rules.ts';
import {
  startElevenLabsMultiTestServer,
  type ElevenLabsMultiTestServer,
} from './multi-test-server.ts';
import { MS_PER_CHAR } from './test-server.ts';

let server: ElevenLabsMultiTestServer;
const models: ElevenLabsMultiContextTts[] = [];
before(async () => (server = await startElevenLabsMultiTestServer()));
after(async () => {
  for (const model of models) await model.close();
  await server.close();
});

const eleven = (voiceId = 'voice-1') => {
  const model = createElevenLabsMultiContextTts({
    apiKey: 'test-key',
    voiceId,
    baseUrl: server.url,
    timeoutMs: 2_000,
    retry: { baseDelayMs: 1, maxDelayMs: 5, maxAttempts: 1 },
  });
  models.push(model);
  return model;
};
async function* texts(...chunks: string[]): AsyncGenerator<string> {
  for (const chunk of chunks) yield await Promise.resolve(chunk);
}
const say = (model: ElevenLabsMultiContextTts, signal: AbortSignal, ...chunks: string[]) =>
  collectParts(model.stream({ text: texts(...chunks), sampleRate: 16_000, signal }));
/** The fake speaks each flushed chunk with its trailing space. */
const spokenMs = (...chunks: string[]) =>
  chunks.reduce((ms, chunk) => ms + (chunk.length + 1) * MS_PER_CHAR, 0);
const audioMs = (parts: TtsPart[]) =>
  parts.reduce((ms, p) => (p.type === 'audio' ? ms + p.chunk.samples.length / 16 : ms), 0);

describeTtsConformance('elevenlabs multi-context', () => eleven(), {
  sampleRates: [16_000, 24_000, 11_025],
  makeFailingModel: () => eleven('no-such-voice'),
  openResources: () => server.openContexts(),
});

describe('elevenlabs multi-context socket', () => {
  it('speaks a session’s replies over one socket, one context each, closing each context', async () => {
    const model = eleven();
    const before = server.connections;
    const first = await say(model, new AbortController().signal, 'Hello there.');
    const second = await say(model, new AbortController().signal, 'Bye now.', 'Take care.');
    assert.equal(server.connections - before, 1, 'one socket for both replies');
    assert.equal(audioMs(first), spokenMs('Hello there.'));
    assert.equal(audioMs(second), spokenMs('Bye now.', 'Take care.'));
    const closed = server.received.filter((m) => m.close_context === true).map((m) => m.context_id);
    const ids = new Set(server.received.slice(-8).map((m) => m.context_id));
    assert.equal(ids.size, 2, 'two contexts');
    for (const id of ids) assert.ok(closed.includes(id), `context ${String(id)} closed`);
    assert.equal(server.openContexts(), 0);
  });

  it('sends close_context on barge-in, and the next reply still uses the same socket', async () => {
    const model = eleven();
    await say(model, new AbortController().signal, 'Warm up.');
    const before = server.connections;
    const barge = new AbortController();
    const parts: TtsPart[] = [];
    for await (const part of model.stream({
      text: texts('A long first sentence.', 'Another one.'),
      sampleRate: 16_000,
      signal: barge.signal,
    })) {
      parts.push(part);
      if (part.type === 'audio') barge.abort();
    }
    const contextId = server.received.find((m) => m.text === 'A long first sentence. ')?.context_id;
    assert.ok(contextId !== undefined);
    const closedIt = () =>
      server.received.some((m) => m.context_id === contextId && m.close_context === true);
    for (let waitedMs = 0; !closedIt() && waitedMs < 5_000; waitedMs += 10) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    assert.ok(closedIt(), 'close_context for the interrupted reply');
    const next = await say(model, new AbortController().signal, 'Sorry, go on.');
    assert.equal(audioMs(next), spokenMs('Sorry, go on.'));
    assert.equal(server.connections, before, 'no new socket after the barge-in');
    assert.notEqual(server.received.at(-1)?.context_id, contextId);
  });

  it('closes its socket with close_socket when the session closes it', async () => {
    const model = eleven();
    await say(model, new AbortController().signal, 'Hi.');
    await model.close();
    assert.equal(server.received.at(-1)?.close_socket, true);
  });
});

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
