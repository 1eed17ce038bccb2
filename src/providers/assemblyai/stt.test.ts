import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { WebSocket } from 'ws';
import { ProviderError } from '../../spec/errors.ts';
import type { SttInput, SttPart } from '../../spec/stt.ts';
import { collectParts } from '../../testing/conformance/helpers.ts';
import { describeSttConformance } from '../../testing/conformance/stt.ts';
import type { TestWsServer } from '../resilience/test-ws-server.ts';
import { createAssemblyAiStt } from './stt.ts';
import { codedAudio, startAssemblyAiTestServer } from './test-server.ts';

let server: TestWsServer;
before(async () => (server = await startAssemblyAiTestServer()));
after(() => server.close());

const assembly = (speechModel?: string, apiKey = 'test-key') =>
  createAssemblyAiStt({
    apiKey,
    ...(speechModel ? { speechModel } : {}),
    baseUrl: server.url,
    retry: { baseDelayMs: 1, maxDelayMs: 5 },
  });
async function* inputs(items: readonly SttInput[]): AsyncGenerator<SttInput> {
  for (const item of items) yield await Promise.resolve(item);
}
const run = (
  model: ReturnType<typeof assembly>,
  items: readonly SttInput[],
  language?: string,
): Promise<SttPart[]> =>
  collectParts(
    model.stream({
      audio: inputs(items),
      sampleRate: 16_000,
      ...(language ? { language } : {}),
      signal: new AbortController().signal,
    }),
  );

describeSttConformance('assemblyai universal-streaming', () => assembly(), {
  audio: () => codedAudio([1, 2, 0, 3]),
  sampleRate: 16_000,
  expectText: /^hola dos tres$/,
  makeFailingModel: () => assembly('expire'),
  openResources: () => server.openSockets(),
});

describe('assemblyai universal-streaming', () => {
  it('turns partials into interims and an end of turn into a final with the vendor confidence', async () => {
    const parts = await run(assembly(), codedAudio([1, 2, 0]));
    assert.deepEqual(
      parts.map((p) => (p.type === 'error' ? p.type : [p.type, p.text])),
      [
        ['interim', 'hola'],
        ['interim', 'hola dos'],
        ['final', 'hola dos'],
      ],
    );
    const final = parts.at(-1);
    assert.ok(final?.type === 'final');
    assert.deepEqual(final.endOfTurn, { confidence: 0.91 });
    assert.deepEqual(
      final.words?.map((w) => [w.word, w.startMs]),
      [
        ['hola', 0],
        ['dos', 100],
      ],
    );
  });

  it('ends a turn on finalize with ForceEndpoint', async () => {
    const parts = await run(assembly(), [
      ...codedAudio([3]),
      { type: 'finalize' },
      ...codedAudio([4, 0]),
    ]);
    assert.deepEqual(
      parts.flatMap((p) => (p.type === 'final' ? [p.text] : [])),
      ['tres', 'cuatro'],
    );
  });

  it('picks the multilingual model for the café es-ES', async () => {
    const parts = await run(assembly(), codedAudio([1, 0]), 'es-ES');
    assert.equal(parts.at(-1)?.type, 'final');
  });

  it('reports a wrong key as a non-retryable error', async () => {
    const [part] = await run(assembly(undefined, 'wrong'), codedAudio([1, 0]));
    assert.ok(part?.type === 'error' && part.error instanceof ProviderError);
    assert.equal(part.error.retryable, false);
  });
});

describe('strict AssemblyAI fake', () => {
  const connect = (query: string) =>
    new Promise<{ status?: number; closeCode?: number; reason?: string }>((resolve, reject) => {
      const socket = new WebSocket(`${server.url}/v3/ws?${query}`, {
        headers: { authorization: 'test-key' },
      });
      socket.on('unexpected-response', (_request, response) => {
        resolve({ status: response.statusCode ?? 0 });
        response.resume();
      });
      socket.on('open', () => socket.send(Buffer.alloc(16 * 20 * 2)));
      socket.on('close', (closeCode, reason) => resolve({ closeCode, reason: reason.toString() }));
      socket.on('error', reject);
    });

  it('refuses a session without speech_model', async () => {
    assert.deepEqual(await connect('sample_rate=16000'), { status: 400 });
  });

  it('refuses a session without sample_rate', async () => {
    assert.deepEqual(await connect('speech_model=universal-streaming-english'), { status: 400 });
  });

  it('closes with 3007 on an audio chunk shorter than 50 ms', async () => {
    const result = await connect('speech_model=universal-streaming-english&sample_rate=16000');
    assert.equal(result.closeCode, 3007);
    assert.match(result.reason ?? '', /Input duration violation/);
  });
});

describe('assemblyai live', () => {
  const apiKey = process.env['ASSEMBLYAI_API_KEY'];
  it(
    'opens a real session and terminates it',
    { skip: apiKey ? false : 'no ASSEMBLYAI_API_KEY' },
    async () => {
      const stt = createAssemblyAiStt({ apiKey: apiKey ?? '' });
      const parts = await collectParts(
        stt.stream({
          audio: inputs(codedAudio([0, 0, 0])),
          sampleRate: 16_000,
          signal: new AbortController().signal,
        }),
      );
      assert.ok(!parts.some((p) => p.type === 'error'));
    },
  );
});
