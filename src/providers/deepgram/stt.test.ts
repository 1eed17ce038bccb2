import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ProtocolError, ProviderError, TimeoutError } from '../../spec/errors.ts';
import type { SttInput, SttPart } from '../../spec/stt.ts';
import { collectParts } from '../../testing/conformance/helpers.ts';
import { describeSttConformance } from '../../testing/conformance/stt.ts';
import { listenUrl } from './listen-url.ts';
import { createDeepgramStt, type DeepgramSttOptions } from './stt.ts';
import { codedAudio, startDeepgramTestServer, type DeepgramTestServer } from './stt-test-server.ts';

let server: DeepgramTestServer;
before(async () => (server = await startDeepgramTestServer()));
after(() => server.close());

const deepgram = (model = 'nova-3', extra: Partial<DeepgramSttOptions> = {}) =>
  createDeepgramStt({
    apiKey: 'test-key',
    model,
    baseUrl: server.url,
    timeoutMs: 300,
    retry: { baseDelayMs: 1, maxDelayMs: 5 },
    ...extra,
  });
async function* paced(inputs: readonly SttInput[], delayMs = 2): AsyncGenerator<SttInput> {
  for (const input of inputs) {
    await new Promise((resolve) => setTimeout(resolve, delayMs));
    yield input;
  }
}
const run = (
  model: string,
  inputs: readonly SttInput[],
  extra?: Partial<DeepgramSttOptions>,
): Promise<SttPart[]> =>
  collectParts(
    deepgram(model, extra).stream({
      audio: paced(inputs),
      sampleRate: 16_000,
      signal: new AbortController().signal,
    }),
  );
const finals = (parts: SttPart[]) =>
  parts.flatMap((part) => (part.type === 'final' ? [part.text] : []));

describeSttConformance('deepgram live', () => deepgram(), {
  audio: () => codedAudio([1, 2, 0, 3]),
  sampleRate: 16_000,
  expectText: /^one two three$/,
  makeFailingModel: () => deepgram('close-1008'),
  openResources: () => server.openSockets(),
});

describe('deepgram live transcription', () => {
  it('asks for linear16 with interim results, endpointing, utterance end and keyterms', () => {
    const url = new URL(
      listenUrl({
        baseUrl: 'wss://api.deepgram.com',
        model: 'nova-3',
        language: 'en-US',
        sampleRate: 16_000,
        endpointingMs: 300,
        utteranceEndMs: 500,
        smartFormat: true,
        vocabulary: { keywords: ['refund'] },
      }),
    );
    assert.equal(url.pathname, '/v1/listen');
    const query = Object.fromEntries(url.searchParams);
    assert.deepEqual(
      { ...query },
      {
        model: 'nova-3',
        language: 'en-US',
        encoding: 'linear16',
        sample_rate: '16000',
        channels: '1',
        interim_results: 'true',
        endpointing: '300',
        utterance_end_ms: '1000',
        vad_events: 'true',
        smart_format: 'true',
        keyterm: 'refund',
      },
    );
  });

  it('emits interims that grow and one final per utterance with stream-timed words', async () => {
    const parts = await run('nova-3', codedAudio([1, 2, 0, 0, 3, 4, 0]));
    assert.deepEqual(
      parts.map((part) => (part.type === 'error' ? 'error' : `${part.type}:${part.text}`)),
      [
        'interim:one',
        'interim:one two',
        'final:one two',
        'interim:three',
        'interim:three four',
        'final:three four',
      ],
    );
    const second = parts[5];
    assert.deepEqual(
      second?.type === 'final' && second.words?.map((word) => [word.word, word.startMs]),
      [
        ['three', 400],
        ['four', 500],
      ],
    );
  });

  it('sends Finalize on a finalize request and turns the from_finalize result into a final', async () => {
    const parts = await run('nova-3', [
      ...codedAudio([5, 6]),
      { type: 'finalize' },
      ...codedAudio([7]),
    ]);
    assert.deepEqual(finals(parts), ['five six', 'seven']);
    assert.ok(server.controlMessages.includes('{"type":"Finalize"}'));
  });

  it('sends CloseStream at the end of the audio and flushes the last words as a final', async () => {
    const parts = await run('nova-3', codedAudio([8, 9]));
    assert.deepEqual(finals(parts), ['eight nine']);
    assert.equal(server.controlMessages.at(-1), '{"type":"CloseStream"}');
  });

  it('sends KeepAlive while no audio flows', async () => {
    const before = server.controlMessages.filter((message) => message.includes('KeepAlive')).length;
    async function* slow(): AsyncGenerator<SttInput> {
      await new Promise((resolve) => setTimeout(resolve, 200));
      yield* codedAudio([1, 0]);
    }
    await collectParts(
      deepgram('nova-3', { keepAliveMs: 40 }).stream({
        audio: slow(),
        sampleRate: 16_000,
        signal: new AbortController().signal,
      }),
    );
    const after = server.controlMessages.filter((message) => message.includes('KeepAlive')).length;
    assert.ok(after - before >= 1, `keepalives: ${after - before}`);
  });

  it('reconnects after a drop mid-utterance and replays the audio, losing and repeating nothing', async () => {
    const reconnects: number[] = [];
    const parts = await run('drop-once', codedAudio([1, 2, 0, 3, 4, 5, 0, 6, 0]), {
      onReconnect: ({ closeCode }) => reconnects.push(closeCode),
    });
    assert.deepEqual(finals(parts), ['one two', 'three four five', 'six']);
    assert.deepEqual(reconnects, [1006]);
    const words = parts.at(-1)?.type === 'final' ? parts.at(-1) : undefined;
    assert.equal(words?.type === 'final' && words.words?.[0]?.startMs, 700);
  });

  it('refuses a bad key at the handshake with a non-retryable 401', async () => {
    const parts = await collectParts(
      createDeepgramStt({ apiKey: 'wrong', baseUrl: server.url }).stream({
        audio: paced(codedAudio([1])),
        sampleRate: 16_000,
        signal: new AbortController().signal,
      }),
    );
    assert.ok(
      parts.length === 1 && parts[0]?.type === 'error' && parts[0].error instanceof ProviderError,
    );
    assert.equal(parts[0].error.statusCode, 401);
    assert.equal(parts[0].error.retryable, false);
  });

  it('reports a 500 at the handshake as retryable after the retries', async () => {
    const [part] = await run('status-500', codedAudio([1]));
    assert.ok(
      part?.type === 'error' && part.error instanceof ProviderError && part.error.retryable,
    );
  });

  it('times out a handshake that never completes', async () => {
    const [part] = await run('hang', codedAudio([1]));
    assert.ok(part?.type === 'error' && part.error instanceof TimeoutError);
  });

  it('turns a malformed message into a ProtocolError part', async () => {
    const parts = await run('malformed', codedAudio([1, 2]));
    assert.ok(
      parts.length === 1 && parts[0]?.type === 'error' && parts[0].error instanceof ProtocolError,
    );
  });
});

describe('deepgram live (real API)', () => {
  const apiKey = process.env['DEEPGRAM_API_KEY'];
  it(
    'opens a stream and closes it cleanly',
    { skip: apiKey ? false : 'no DEEPGRAM_API_KEY' },
    async () => {
      const model = createDeepgramStt({ apiKey: apiKey ?? '' });
      const parts = await collectParts(
        model.stream({
          audio: paced(codedAudio([0, 0])),
          sampleRate: 16_000,
          signal: new AbortController().signal,
        }),
      );
      assert.ok(!parts.some((part) => part.type === 'error'));
    },
  );
});
