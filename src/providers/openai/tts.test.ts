import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ProviderError, TimeoutError } from '../../spec/errors.ts';
import type { TtsPart } from '../../spec/tts.ts';
import { collectParts } from '../../testing/conformance/helpers.ts';
import { describeTtsConformance } from '../../testing/conformance/tts.ts';
import type { TestHttpServer } from '../resilience/test-http-server.ts';
import { startOpenAITestServer } from './test-server.ts';
import { createOpenAITts } from './tts.ts';

let server: TestHttpServer;
before(async () => (server = await startOpenAITestServer()));
after(() => server.close());

const tts = (model: string, timeoutMs = 2_000) =>
  createOpenAITts({
    apiKey: 'test-key',
    model,
    baseUrl: `${server.url}/v1`,
    timeoutMs,
    retry: { baseDelayMs: 1, maxDelayMs: 5 },
  });
async function* texts(...chunks: string[]): AsyncGenerator<string> {
  for (const chunk of chunks) yield await Promise.resolve(chunk);
}
const run = (model: string, sampleRate = 16_000, timeoutMs?: number): Promise<TtsPart[]> =>
  collectParts(
    tts(model, timeoutMs).stream({
      text: texts('Hi.'),
      sampleRate,
      signal: new AbortController().signal,
    }),
  );

describeTtsConformance('openai speech', () => tts('tts-1'), {
  makeFailingModel: () => tts('status-500'),
  openResources: () => server.openResponses(),
});

describe('openai speech', () => {
  it('asks for raw pcm with the model, voice and input', async () => {
    await run('tts-1');
    const request = server.requests.at(-1);
    assert.equal(request?.url, '/v1/audio/speech');
    assert.deepEqual(JSON.parse(request.body.toString()), {
      model: 'tts-1',
      input: 'Hi.',
      voice: 'alloy',
      response_format: 'pcm',
    });
  });

  it('resamples 24 kHz PCM to the asked rate, keeping the duration', async () => {
    const parts = await run('tts-1', 16_000);
    const samples = parts.reduce(
      (sum, part) => sum + (part.type === 'audio' ? part.chunk.samples.length : 0),
      0,
    );
    // Three characters → 300 ms at the server → 4 800 samples at 16 kHz.
    assert.ok(Math.abs(samples - 4_800) <= 2, `got ${samples}`);
  });

  it('reports a response cut off mid-audio as a retryable error after the audio so far', async () => {
    const parts = await run('disconnect');
    assert.equal(parts[0]?.type, 'audio');
    const last = parts.at(-1);
    assert.ok(
      last?.type === 'error' && last.error instanceof ProviderError && last.error.retryable,
    );
  });

  it('times out a silent server', async () => {
    const parts = await run('hang', 16_000, 100);
    assert.ok(
      parts.length === 1 && parts[0]?.type === 'error' && parts[0].error instanceof TimeoutError,
    );
  });
});

describe('openai speech live', () => {
  const apiKey = process.env['OPENAI_API_KEY'];
  it('speaks a short sentence', { skip: apiKey ? false : 'no OPENAI_API_KEY' }, async () => {
    const model = createOpenAITts({ apiKey: apiKey ?? '' });
    const parts = await collectParts(
      model.stream({
        text: texts('Hello.'),
        sampleRate: 16_000,
        signal: new AbortController().signal,
      }),
    );
    assert.ok(parts.some((part) => part.type === 'audio'));
  });
});
