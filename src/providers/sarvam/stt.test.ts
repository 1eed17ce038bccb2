import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ProviderError } from '../../spec/errors.ts';
import type { SttInput, SttPart } from '../../spec/stt.ts';
import { collectParts } from '../../testing/conformance/helpers.ts';
import { describeSttConformance } from '../../testing/conformance/stt.ts';
import { createSarvamStt, type SarvamSttOptions } from './stt.ts';
import {
  codedAudio,
  startSarvamSttTestServer,
  type SarvamSttTestServer,
} from './stt-test-server.ts';
import { TEST_API_KEY } from './tts-test-server.ts';

let server: SarvamSttTestServer;
before(async () => (server = await startSarvamSttTestServer()));
after(() => server.close());

const sarvam = (overrides: Partial<SarvamSttOptions> = {}) =>
  createSarvamStt({
    apiKey: TEST_API_KEY,
    baseUrl: server.url,
    timeoutMs: 2_000,
    finalQuietMs: 150,
    retry: { baseDelayMs: 1, maxDelayMs: 5 },
    ...overrides,
  });
async function* from(inputs: readonly SttInput[]): AsyncGenerator<SttInput> {
  for (const input of inputs) yield await Promise.resolve(input);
}
const listen = (
  overrides: Partial<SarvamSttOptions>,
  inputs: readonly SttInput[],
  language?: string,
  sampleRate = 16_000,
): Promise<SttPart[]> =>
  collectParts(
    sarvam(overrides).stream({
      audio: from(inputs),
      sampleRate,
      signal: new AbortController().signal,
      ...(language !== undefined && { language }),
    }),
  );

describeSttConformance('sarvam', () => sarvam(), {
  audio: () => [...codedAudio([1, 2, 0, 3]), { type: 'finalize' }],
  sampleRate: 16_000,
  expectText: /^एक दो तीन$/,
  makeFailingModel: () => sarvam({ model: 'close-1008' }),
  openResources: () => server.openSockets(),
});

describe('sarvam streaming STT', () => {
  it('gives one final per segment the server hears, and no interims', async () => {
    const parts = await listen({}, codedAudio([1, 2, 0, 3, 4, 0]));
    assert.deepEqual(parts, [
      { type: 'final', text: 'एक दो' },
      { type: 'final', text: 'तीन चार' },
    ]);
  });

  it("sends a flush on Parley's finalize so a segment ends without waiting for silence", async () => {
    const before = server.controlMessages.length;
    const parts = await listen({}, [
      ...codedAudio([5, 6]),
      { type: 'finalize' },
      ...codedAudio([7]),
    ]);
    assert.deepEqual(
      parts.map((p) => (p.type === 'final' ? p.text : p.type)),
      ['पाँच छह', 'सात'],
    );
    assert.ok(server.controlMessages.length - before >= 2);
  });

  it('maps a short language tag to the Sarvam code', async () => {
    const parts = await listen({}, codedAudio([1, 0]), 'ta');
    assert.deepEqual(parts, [{ type: 'final', text: 'एक' }]);
  });

  it('refuses a rate the socket does not take before connecting', async () => {
    const connections = server.connections;
    const [part] = await listen({}, codedAudio([1, 0], 24_000), undefined, 24_000);
    assert.ok(part?.type === 'error' && part.error.code === 'audio-format');
    assert.equal(server.connections, connections);
  });

  it("reports an unsupported language with Sarvam's message and does not retry it", async () => {
    const [part] = await listen({}, codedAudio([1, 0]), 'es-ES');
    assert.ok(part?.type === 'error' && part.error instanceof ProviderError);
    assert.equal(part.error.statusCode, 400);
    assert.equal(part.error.retryable, false);
    assert.match(part.error.message, /Unsupported language-code: es-IN/);
  });

  it('reports an unknown model and a bad key at the handshake', async () => {
    const [model] = await listen({ model: 'saarika:v1' }, codedAudio([1]));
    assert.ok(model?.type === 'error' && /Unsupported model/.test(model.error.message));
    const [key] = await listen({ apiKey: 'wrong' }, codedAudio([1]));
    assert.ok(
      key?.type === 'error' && key.error instanceof ProviderError && key.error.statusCode === 403,
    );
  });
});

describe('sarvam STT live', () => {
  const apiKey = process.env['SARVAM_API_KEY'];
  it(
    'connects and closes cleanly on silence',
    { skip: apiKey ? false : 'no SARVAM_API_KEY' },
    async () => {
      const parts = await collectParts(
        createSarvamStt({ apiKey: apiKey ?? '' }).stream({
          audio: from(codedAudio([0, 0, 0])),
          sampleRate: 16_000,
          signal: new AbortController().signal,
        }),
      );
      assert.ok(!parts.some((part) => part.type === 'error'));
    },
  );
});
