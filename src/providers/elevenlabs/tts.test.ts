import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ProtocolError, ProviderError, TimeoutError } from '../../spec/errors.ts';
import type { TtsPart } from '../../spec/tts.ts';
import { collectParts } from '../../testing/conformance/helpers.ts';
import { describeTtsConformance } from '../../testing/conformance/tts.ts';
import {
  MS_PER_CHAR,
  startElevenLabsTestServer,
  type ElevenLabsTestServer,
} from './test-server.ts';
import { createElevenLabsTts } from './tts.ts';

let server: ElevenLabsTestServer;
before(async () => (server = await startElevenLabsTestServer()));
after(() => server.close());

const eleven = (voiceId = 'voice-1', timeoutMs = 2_000) =>
  createElevenLabsTts({
    apiKey: 'test-key',
    voiceId,
    baseUrl: server.url,
    timeoutMs,
    retry: { baseDelayMs: 1, maxDelayMs: 5 },
  });
async function* texts(...chunks: string[]): AsyncGenerator<string> {
  for (const chunk of chunks) yield await Promise.resolve(chunk);
}
const run = (voiceId: string, ...chunks: string[]): Promise<TtsPart[]> =>
  collectParts(
    eleven(voiceId, 200).stream({
      text: texts(...chunks),
      sampleRate: 16_000,
      signal: new AbortController().signal,
    }),
  );

describeTtsConformance('elevenlabs', () => eleven(), {
  sampleRates: [16_000, 24_000, 11_025],
  makeFailingModel: () => eleven('quota'),
  openResources: () => server.openSockets(),
});

describe('elevenlabs stream-input', () => {
  it('turns character alignment into word timings on the stream timeline, joining split words', async () => {
    const parts = await run('voice-1', 'Hello big world.', 'Bye now.');
    const words = parts.filter((part) => part.type === 'word');
    // "Hello big world. " is 17 characters sent as 9 + 8: "world." spans both chunks.
    assert.deepEqual(
      words.map(({ word, startMs, endMs }) => [word, startMs, endMs]),
      [
        ['Hello', 0, 5 * MS_PER_CHAR],
        ['big', 6 * MS_PER_CHAR, 9 * MS_PER_CHAR],
        ['world.', 10 * MS_PER_CHAR, 16 * MS_PER_CHAR],
        ['Bye', 17 * MS_PER_CHAR, 20 * MS_PER_CHAR],
        ['now.', 21 * MS_PER_CHAR, 25 * MS_PER_CHAR],
      ],
    );
  });

  it('ends each segment once its characters have been spoken', async () => {
    const parts = await run('voice-1', 'One.', 'Two.');
    const order = parts
      .filter((part) => part.type !== 'audio')
      .map((part) =>
        part.type === 'word' ? part.word : `end:${part.type === 'segment-end' ? part.text : ''}`,
      );
    assert.deepEqual(order, ['One.', 'end:One.', 'Two.', 'end:Two.']);
  });

  it('sends a space to keep the socket open while no text arrives', async () => {
    const before = server.keepAlives();
    async function* slowText(): AsyncGenerator<string> {
      await new Promise((resolve) => setTimeout(resolve, 150));
      yield 'Hi.';
    }
    const model = createElevenLabsTts({
      apiKey: 'test-key',
      voiceId: 'voice-1',
      baseUrl: server.url,
      keepAliveMs: 30,
    });
    const parts = await collectParts(
      model.stream({ text: slowText(), sampleRate: 16_000, signal: new AbortController().signal }),
    );
    assert.ok(server.keepAlives() - before >= 2, `keep-alives: ${server.keepAlives() - before}`);
    assert.equal(parts.at(-1)?.type, 'segment-end');
  });

  it('refuses a bad key at the handshake with a non-retryable 401', async () => {
    const [part] = await run('status-401', 'Hi.');
    assert.ok(part?.type === 'error' && part.error instanceof ProviderError);
    assert.equal(part.error.statusCode, 401);
    assert.equal(part.error.retryable, false);
  });

  it('retries a 500 at the handshake, then reports it as retryable', async () => {
    const before = server.connections;
    const [part] = await run('status-500', 'Hi.');
    assert.ok(
      part?.type === 'error' && part.error instanceof ProviderError && part.error.retryable,
    );
    assert.equal(server.connections, before);
  });

  it('times out a handshake that never completes', async () => {
    const [part] = await run('hang', 'Hi.');
    assert.ok(part?.type === 'error' && part.error instanceof TimeoutError);
  });

  it('reports a socket dropped mid-audio as a retryable error after the audio so far', async () => {
    const parts = await run('disconnect', 'Hello there.');
    assert.equal(parts[0]?.type, 'audio');
    const last = parts.at(-1);
    assert.ok(
      last?.type === 'error' && last.error instanceof ProviderError && last.error.retryable,
    );
  });

  it('turns a malformed message into a ProtocolError part', async () => {
    const parts = await run('malformed', 'Hi.');
    assert.ok(
      parts.length === 1 && parts[0]?.type === 'error' && parts[0].error instanceof ProtocolError,
    );
  });

  it('reports a vendor error message as a non-retryable ProviderError', async () => {
    const [part] = await run('quota', 'Hi.');
    assert.ok(
      part?.type === 'error' && part.error instanceof ProviderError && !part.error.retryable,
    );
    assert.match(part.error.message, /quota_exceeded/);
  });
});

describe('elevenlabs live', () => {
  const apiKey = process.env['ELEVENLABS_API_KEY'];
  const voiceId = process.env['ELEVENLABS_VOICE_ID'] ?? 'JBFqnCBsd6RMkjVDRZzb';
  it('speaks with word timings', { skip: apiKey ? false : 'no ELEVENLABS_API_KEY' }, async () => {
    const model = createElevenLabsTts({ apiKey: apiKey ?? '', voiceId });
    const parts = await collectParts(
      model.stream({
        text: texts('Hello there.'),
        sampleRate: 16_000,
        signal: new AbortController().signal,
      }),
    );
    assert.ok(parts.some((part) => part.type === 'word'));
  });
});
