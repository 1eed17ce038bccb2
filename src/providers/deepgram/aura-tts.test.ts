import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ProviderError } from '../../spec/errors.ts';
import { collectParts } from '../../testing/conformance/helpers.ts';
import { describeTtsConformance } from '../../testing/conformance/tts.ts';
import type { TestHttpServer } from '../resilience/test-http-server.ts';
import { createDeepgramAuraTts } from './aura-tts.ts';
import { startAuraTestServer } from './aura-test-server.ts';

let server: TestHttpServer;
before(async () => (server = await startAuraTestServer()));
after(() => server.close());

const aura = (model?: string) =>
  createDeepgramAuraTts({
    apiKey: 'test-key',
    model,
    baseUrl: server.url,
    retry: { baseDelayMs: 1, maxDelayMs: 5 },
  });
async function* texts(...chunks: string[]): AsyncGenerator<string> {
  for (const chunk of chunks) yield await Promise.resolve(chunk);
}

describeTtsConformance('deepgram aura', () => aura(), {
  sampleRates: [16_000, 22_050],
  makeFailingModel: () => aura('status-400'),
  openResources: () => server.openResponses(),
});

describe('deepgram aura', () => {
  it('asks for raw linear16 at the requested rate when Aura supports it', async () => {
    await collectParts(
      aura().stream({
        text: texts('Hi.'),
        sampleRate: 16_000,
        signal: new AbortController().signal,
      }),
    );
    const url = new URL(server.requests.at(-1)?.url ?? '', 'http://x');
    assert.equal(url.searchParams.get('sample_rate'), '16000');
    assert.equal(url.searchParams.get('container'), 'none');
    assert.equal(url.searchParams.get('model'), 'aura-2-thalia-en');
  });

  it('resamples from 24 kHz for a rate Aura does not render', async () => {
    const parts = await collectParts(
      aura().stream({
        text: texts('Hi.'),
        sampleRate: 22_050,
        signal: new AbortController().signal,
      }),
    );
    const samples = parts.reduce(
      (sum, part) => sum + (part.type === 'audio' ? part.chunk.samples.length : 0),
      0,
    );
    assert.ok(Math.abs(samples - 0.24 * 22_050) <= 2, `got ${samples}`);
  });

  it('retries a 503 and then reports it as a retryable ProviderError', async () => {
    const before = server.requests.length;
    const [part] = await collectParts(
      aura('status-503').stream({
        text: texts('Hi.'),
        sampleRate: 16_000,
        signal: new AbortController().signal,
      }),
    );
    assert.ok(
      part?.type === 'error' && part.error instanceof ProviderError && part.error.retryable,
    );
    assert.equal(server.requests.length - before, 3);
  });
});

describe('deepgram aura live', () => {
  const apiKey = process.env['DEEPGRAM_API_KEY'];
  it('speaks a short sentence', { skip: apiKey ? false : 'no DEEPGRAM_API_KEY' }, async () => {
    const model = createDeepgramAuraTts({ apiKey: apiKey ?? '' });
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
