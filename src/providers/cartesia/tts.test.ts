import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { WebSocket } from 'ws';
import { ConfigError, ProviderError } from '../../spec/errors.ts';
import type { TtsPart } from '../../spec/tts.ts';
import { collectParts } from '../../testing/conformance/helpers.ts';
import { describeTtsConformance } from '../../testing/conformance/tts.ts';
import { describeSessionTts } from '../../testing/conformance/session-tts.ts';
import { MS_PER_CHAR, startCartesiaTestServer, type CartesiaTestServer } from './test-server.ts';
import { createCartesiaTts } from './tts.ts';

let server: CartesiaTestServer;
let idleServer: CartesiaTestServer;
const IDLE_MS = 300;
before(async () => {
  server = await startCartesiaTestServer();
  idleServer = await startCartesiaTestServer({ idleTimeoutMs: IDLE_MS });
});
after(async () => {
  await server.close();
  await idleServer.close();
});

const cartesia = (voiceId = 'voice-1', modelId = 'sonic-2', baseUrl = server.url) =>
  createCartesiaTts({
    apiKey: 'test-key',
    voiceId,
    modelId,
    baseUrl,
    retry: { baseDelayMs: 1, maxDelayMs: 5 },
  });
async function* texts(...chunks: string[]): AsyncGenerator<string> {
  for (const chunk of chunks) yield await Promise.resolve(chunk);
}
const run = (model = cartesia(), language?: string, ...chunks: string[]): Promise<TtsPart[]> =>
  collectParts(
    model.stream({
      text: texts(...(chunks.length > 0 ? chunks : ['Hello there.', 'How can I help?'])),
      sampleRate: 16_000,
      ...(language ? { language } : {}),
      signal: new AbortController().signal,
    }),
  );

describeTtsConformance('cartesia', () => cartesia(), {
  makeFailingModel: () => cartesia('status-500'),
  openResources: () => server.openSockets(),
});

describeSessionTts('cartesia', () => cartesia(), {
  server: () => server,
  cancels: () => server.cancelled.length,
  // Each chunk is sent trimmed with one trailing space, 40 ms a character.
  audioMs: (chunks) =>
    chunks.reduce((ms, chunk) => ms + (chunk.trim().length + 1) * MS_PER_CHAR, 0),
  idle: {
    model: () => cartesia('voice-1', 'sonic-2', idleServer.url),
    server: () => idleServer,
    idleMs: IDLE_MS,
  },
});

describe('cartesia websocket', () => {
  it('ends each text chunk with its segment after its audio, in order', async () => {
    const parts = await run();
    const ends = parts.flatMap((p, i) => (p.type === 'segment-end' ? [[i, p.text] as const] : []));
    assert.deepEqual(
      ends.map(([, text]) => text),
      ['Hello there.', 'How can I help?'],
    );
    const firstEnd = ends[0]?.[0] ?? -1;
    assert.ok(parts.slice(0, firstEnd).some((p) => p.type === 'audio'));
    assert.ok(parts.slice(firstEnd).some((p) => p.type === 'audio'));
  });

  it('reports word times in ms from the start of the stream, across chunks', async () => {
    const words = (await run()).flatMap((p) => (p.type === 'word' ? [p] : []));
    assert.deepEqual(
      words.map((w) => w.word),
      ['Hello', 'there.', 'How', 'can', 'I', 'help?'],
    );
    assert.deepEqual([words[0]?.startMs, words[2]?.startMs], [0, 13 * 40]);
  });

  it('maps the café es-ES to es', async () => {
    const parts = await run(cartesia(), 'es-ES', 'Hola.');
    assert.equal(parts.at(-1)?.type, 'segment-end');
  });

  it('reports a language Cartesia does not speak as a ConfigError part', async () => {
    const [part] = await run(cartesia(), 'eu-ES', 'Kaixo.');
    assert.ok(part?.type === 'error' && part.error instanceof ConfigError);
  });

  it('cancels its context when aborted mid-stream', async () => {
    const controller = new AbortController();
    const model = cartesia();
    async function* slow(): AsyncGenerator<string> {
      yield 'Hello there.';
      await new Promise((resolve) => setTimeout(resolve, 5_000));
    }
    for await (const part of model.stream({
      text: slow(),
      sampleRate: 16_000,
      signal: controller.signal,
    })) {
      if (part.type === 'audio') controller.abort();
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal(server.cancelled.length > 0, true);
  });
});

describe('strict Cartesia fake', () => {
  it('refuses an unknown model with an error for the context', async () => {
    const [part] = await run(cartesia('voice-1', 'sonic-9'));
    assert.ok(part?.type === 'error' && part.error instanceof ProviderError);
    assert.match(part.error.message, /Invalid model/);
    assert.equal(part.error.retryable, false);
  });

  it('refuses a voice that does not exist, such as an espeak-ng name', async () => {
    const [part] = await run(cartesia('en-us'));
    assert.ok(part?.type === 'error' && /Voice not found/.test(part.error.message));
  });

  it('refuses a sample rate Cartesia does not offer', async () => {
    const reply = await new Promise<string>((resolve, reject) => {
      const socket = new WebSocket(`${server.url}/tts/websocket`, {
        headers: { 'X-API-Key': 'test-key', 'Cartesia-Version': '2025-04-16' },
      });
      socket.on('open', () =>
        socket.send(
          JSON.stringify({
            model_id: 'sonic-2',
            transcript: 'Hi',
            voice: { mode: 'id', id: 'voice-1' },
            context_id: 'c1',
            output_format: { container: 'raw', encoding: 'pcm_s16le', sample_rate: 11_025 },
          }),
        ),
      );
      socket.on('message', (data: Buffer) => {
        resolve(data.toString());
        socket.close();
      });
      socket.on('error', reject);
    });
    assert.match(reply, /invalid_output_format/);
  });

  it('refuses a handshake without Cartesia-Version', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const socket = new WebSocket(`${server.url}/tts/websocket`, {
        headers: { 'X-API-Key': 'test-key' },
      });
      socket.on('unexpected-response', (_request, response) => {
        resolve(response.statusCode ?? 0);
        response.resume();
      });
      socket.on('open', () => reject(new Error('accepted')));
      socket.on('error', reject);
    });
    assert.equal(status, 400);
  });
});

describe('cartesia live', () => {
  const apiKey = process.env['CARTESIA_API_KEY'];
  it(
    'speaks a sentence with the real API',
    { skip: apiKey ? false : 'no CARTESIA_API_KEY' },
    async () => {
      const model = createCartesiaTts({ apiKey: apiKey ?? '' });
      const parts = await collectParts(
        model.stream({
          text: texts('Hello there.'),
          sampleRate: 16_000,
          signal: new AbortController().signal,
        }),
      );
      assert.ok(parts.some((p) => p.type === 'audio'));
      assert.equal(parts.at(-1)?.type, 'segment-end');
    },
  );
});
