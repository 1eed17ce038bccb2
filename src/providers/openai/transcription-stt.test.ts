import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ProtocolError, ProviderError, TimeoutError } from '../../spec/errors.ts';
import type { SttInput, SttPart } from '../../spec/stt.ts';
import { collectParts } from '../../testing/conformance/helpers.ts';
import { describeSttConformance } from '../../testing/conformance/stt.ts';
import type { TestHttpServer } from '../resilience/test-http-server.ts';
import { startOpenAITestServer } from './test-server.ts';
import { createOpenAITranscriptionStt } from './transcription-stt.ts';

let server: TestHttpServer;
before(async () => (server = await startOpenAITestServer()));
after(() => server.close());

const stt = (model = 'gpt-4o-mini-transcribe', timeoutMs = 2_000) =>
  createOpenAITranscriptionStt({
    apiKey: 'test-key',
    model,
    baseUrl: `${server.url}/v1`,
    timeoutMs,
    retry: { baseDelayMs: 1, maxDelayMs: 5 },
  });
const audio = (ms: number): SttInput => ({
  type: 'audio',
  chunk: { samples: new Int16Array(16 * ms).fill(100), sampleRate: 16_000 },
});
async function* inputs(...items: SttInput[]): AsyncGenerator<SttInput> {
  for (const item of items) yield await Promise.resolve(item);
}
const run = (model: string, items: SttInput[], timeoutMs?: number): Promise<SttPart[]> =>
  collectParts(
    stt(model, timeoutMs).stream({
      audio: inputs(...items),
      sampleRate: 16_000,
      signal: new AbortController().signal,
    }),
  );

describeSttConformance('openai transcription', () => stt(), {
  audio: () => [audio(200), audio(100), { type: 'finalize' }],
  sampleRate: 16_000,
  expectText: /^heard 300 ms$/,
  makeFailingModel: () => stt('status-500'),
  openResources: () => server.openResponses(),
});

describe('openai transcription', () => {
  it('transcribes each finalized utterance once, as WAV, with no interims', async () => {
    const parts = await run('whisper-1', [
      audio(100),
      { type: 'finalize' },
      audio(250),
      { type: 'finalize' },
    ]);
    assert.deepEqual(parts, [
      { type: 'final', text: 'heard 100 ms' },
      { type: 'final', text: 'heard 250 ms' },
    ]);
  });

  it('transcribes audio left when the input ends', async () => {
    assert.deepEqual(await run('whisper-1', [audio(120)]), [
      { type: 'final', text: 'heard 120 ms' },
    ]);
  });

  it('sends the model, language and vocabulary prompt as multipart fields', async () => {
    await collectParts(
      stt('whisper-1').stream({
        audio: inputs(audio(50)),
        sampleRate: 16_000,
        language: 'es-ES',
        vocabulary: { keywords: ['paella'] },
        signal: new AbortController().signal,
      }),
    );
    const request = server.requests.at(-1);
    assert.equal(request?.url, '/v1/audio/transcriptions');
    const form = request.body.toString('latin1');
    assert.match(form, /name="language"\r\n\r\nes\r\n/);
    assert.match(form, /name="prompt"\r\n\r\npaella\r\n/);
    assert.match(form, /filename="audio.wav"/);
  });

  it('reports a failed utterance as an error part and goes on with the next', async () => {
    const parts = await run('status-500', [audio(50), { type: 'finalize' }, audio(50)]);
    assert.equal(parts.length, 2);
    assert.ok(parts.every((part) => part.type === 'error' && part.error instanceof ProviderError));
  });

  it('times out a silent server', async () => {
    const [part] = await run('hang', [audio(50)], 100);
    assert.ok(part?.type === 'error' && part.error instanceof TimeoutError);
  });

  it('turns a malformed response into a ProtocolError part', async () => {
    const [part] = await run('malformed', [audio(50)]);
    assert.ok(part?.type === 'error' && part.error instanceof ProtocolError);
  });
});

describe('openai transcription live', () => {
  const apiKey = process.env['OPENAI_API_KEY'];
  it('transcribes a short clip', { skip: apiKey ? false : 'no OPENAI_API_KEY' }, async () => {
    const model = createOpenAITranscriptionStt({ apiKey: apiKey ?? '' });
    const parts = await collectParts(
      model.stream({
        audio: inputs(audio(500)),
        sampleRate: 16_000,
        signal: new AbortController().signal,
      }),
    );
    assert.ok(!parts.some((part) => part.type === 'error'));
  });
});

describe('openai streamed transcription', () => {
  it('turns SSE deltas into growing interims and the done event into the final', async () => {
    const parts = await run('gpt-4o-mini-transcribe', [audio(200), { type: 'finalize' }]);
    assert.deepEqual(parts, [
      { type: 'interim', text: 'heard' },
      { type: 'interim', text: 'heard 200' },
      { type: 'interim', text: 'heard 200 ms' },
      { type: 'final', text: 'heard 200 ms' },
    ]);
    assert.equal(stt('gpt-4o-mini-transcribe').capabilities.interimResults, true);
  });

  it('does not ask whisper-1 to stream, which the API refuses', async () => {
    const parts = await run('whisper-1', [audio(100), { type: 'finalize' }]);
    assert.deepEqual(parts, [{ type: 'final', text: 'heard 100 ms' }]);
    assert.equal(stt('whisper-1').capabilities.interimResults, false);
  });
});
