import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ProviderError } from '../../spec/errors.ts';
import type { TtsPart } from '../../spec/tts.ts';
import { collectParts } from '../../testing/conformance/helpers.ts';
import { describeTtsConformance } from '../../testing/conformance/tts.ts';
import {
  MS_PER_CHAR,
  startSarvamTtsTestServer,
  TEST_API_KEY,
  type SarvamTtsTestServer,
} from './tts-test-server.ts';
import { createSarvamTts, type SarvamTtsOptions } from './tts.ts';

let server: SarvamTtsTestServer;
before(async () => (server = await startSarvamTtsTestServer()));
after(() => server.close());

const sarvam = (overrides: Partial<SarvamTtsOptions> = {}) =>
  createSarvamTts({
    apiKey: TEST_API_KEY,
    baseUrl: server.url,
    timeoutMs: 2_000,
    retry: { baseDelayMs: 1, maxDelayMs: 5 },
    ...overrides,
  });
async function* texts(...chunks: string[]): AsyncGenerator<string> {
  for (const chunk of chunks) yield await Promise.resolve(chunk);
}
const speak = (
  overrides: Partial<SarvamTtsOptions>,
  extra: { voice?: string; speakingRate?: number; language?: string } = {},
  ...chunks: string[]
): Promise<TtsPart[]> =>
  collectParts(
    sarvam(overrides).stream({
      text: texts(...chunks),
      sampleRate: 16_000,
      signal: new AbortController().signal,
      ...extra,
    }),
  );

describeTtsConformance('sarvam', () => sarvam(), {
  texts: ['नमस्ते।', 'आपका ऑर्डर आ गया है।'],
  sampleRates: [16_000, 24_000, 11_025],
  makeFailingModel: () => sarvam({ apiKey: 'wrong' }),
  openResources: () => server.openSockets(),
});

describe('sarvam streaming TTS', () => {
  it('sends one config with the language, speaker, pace, rate and linear16 codec', async () => {
    await speak({ model: 'bulbul:v3' }, { language: 'hi', speakingRate: 0.9 }, 'नमस्ते।');
    assert.deepEqual(server.configs.at(-1), {
      language_code: 'hi-IN',
      speaker: 'shubh',
      pace: 0.9,
      speech_sample_rate: 16_000,
      output_audio_codec: 'linear16',
      enable_preprocessing: true,
    });
  });

  it('ends each chunk at its final event, with all of its audio before it', async () => {
    const parts = await speak({}, {}, 'ab', 'cdef');
    const order = parts.map((p) => (p.type === 'segment-end' ? `end:${p.text}` : p.type));
    assert.deepEqual(
      order.filter((o) => o !== 'audio'),
      ['end:ab', 'end:cdef'],
    );
    const audioBeforeFirstEnd = parts
      .slice(0, order.indexOf('end:ab'))
      .reduce((n, p) => n + (p.type === 'audio' ? p.chunk.samples.length : 0), 0);
    assert.ok(Math.abs(audioBeforeFirstEnd - (2 * MS_PER_CHAR * 16_000) / 1_000) <= 2);
  });

  it('keeps the pace inside what the model accepts', async () => {
    await speak({ model: 'bulbul:v3' }, { speakingRate: 3 }, 'नमस्ते।');
    assert.equal(server.configs.at(-1)?.['pace'], 2);
  });

  it("reports a speaker of another model with Sarvam's message, not retried", async () => {
    const [part] = await speak({ model: 'bulbul:v2' }, { voice: 'shubh' }, 'नमस्ते।');
    assert.ok(part?.type === 'error' && part.error instanceof ProviderError);
    assert.match(part.error.message, /not compatible with model bulbul:v2/);
  });

  it('reports an unsupported language as a provider error', async () => {
    const [part] = await speak({}, { language: 'es-ES' }, 'Hola.');
    assert.ok(part?.type === 'error');
    assert.match(part.error.message, /Invalid language_code: es-IN/);
    assert.ok(part.error instanceof ProviderError && !part.error.retryable);
  });

  it('refuses a bad key at the handshake with a non-retryable 403', async () => {
    const [part] = await speak({ apiKey: 'wrong' }, {}, 'नमस्ते।');
    assert.ok(part?.type === 'error' && part.error instanceof ProviderError);
    assert.equal(part.error.statusCode, 403);
    assert.equal(part.error.retryable, false);
  });

  it('reports a socket dropped mid-audio as a retryable error after the audio so far', async () => {
    const parts = await speak({}, { voice: 'drop' }, 'नमस्ते दुनिया।');
    assert.equal(parts[0]?.type, 'audio');
    const last = parts.at(-1);
    assert.ok(
      last?.type === 'error' && last.error instanceof ProviderError && last.error.retryable,
    );
  });

  it('refuses an unknown model before connecting', () => {
    assert.throws(() => createSarvamTts({ apiKey: 'k', model: 'bulbul:v9' }), { code: 'config' });
  });
});

describe('sarvam TTS live', () => {
  const apiKey = process.env['SARVAM_API_KEY'];
  it('speaks Hindi', { skip: apiKey ? false : 'no SARVAM_API_KEY' }, async () => {
    const parts = await collectParts(
      createSarvamTts({ apiKey: apiKey ?? '' }).stream({
        text: texts('नमस्ते, मैं आपकी कैसे मदद कर सकती हूँ?'),
        sampleRate: 16_000,
        signal: new AbortController().signal,
      }),
    );
    assert.ok(parts.some((part) => part.type === 'audio'));
  });
});
