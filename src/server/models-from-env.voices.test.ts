import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createCafeAgent } from '../agents/cafe/index.ts';
import { startOpenAITestServer } from '../providers/openai/test-server.ts';
import type { TestHttpServer } from '../providers/resilience/test-http-server.ts';
import { ConfigError } from '../spec/errors.ts';
import { collectParts } from '../testing/conformance/helpers.ts';
import { modelsFromEnv } from './models-from-env.ts';

const cafe = createCafeAgent();
const keys = { DEEPGRAM_API_KEY: 'k', ELEVENLABS_API_KEY: 'k', OPENAI_API_KEY: 'k' };

describe('modelsFromEnv voices', () => {
  let server: TestHttpServer;
  before(async () => (server = await startOpenAITestServer()));
  after(() => server.close());

  it('gives each model of a TTS fallback chain its own vendor voice', () => {
    const { tts } = modelsFromEnv({
      ...keys,
      PARLEY_TTS: 'deepgram',
      PARLEY_TTS_FALLBACK: 'elevenlabs,openai,local',
    })(cafe);
    assert.equal(
      tts.model,
      'deepgram/aura-2-thalia-en/aura-2-nestor-es→elevenlabs/eleven_flash_v2_5/JBFqnCBsd6RMkjVDRZzb→openai/gpt-4o-mini-tts/onyx→local/espeak-ng/es',
    );
  });

  it('applies PARLEY_TTS_VOICE to the primary only and provider variables to their own model', () => {
    const { tts } = modelsFromEnv({
      ...keys,
      PARLEY_TTS: 'openai',
      PARLEY_TTS_VOICE: 'sage',
      PARLEY_TTS_FALLBACK: 'deepgram',
      DEEPGRAM_TTS_VOICE: 'aura-2-carina-es',
    })(cafe);
    assert.equal(
      tts.model,
      'openai/gpt-4o-mini-tts/sage→deepgram/aura-2-thalia-en/aura-2-carina-es',
    );
  });

  it('sends the café voice to a self-hosted speech server named by OPENAI_TTS_BASE_URL', async () => {
    const { tts } = modelsFromEnv({
      PARLEY_TTS: 'openai',
      OPENAI_BASE_URL: 'http://127.0.0.1:9/v1',
      OPENAI_TTS_BASE_URL: `${server.url}/v1`,
      OPENAI_TTS_API_KEY: 'test-key',
    })(cafe);
    async function* text() {
      yield await Promise.resolve('Hola.');
    }
    const parts = await collectParts(
      tts.stream({ text: text(), sampleRate: 24_000, signal: new AbortController().signal }),
    );
    assert.equal(parts.at(-1)?.type, 'segment-end');
    const request = server.requests.at(-1);
    assert.equal(request?.url, '/v1/audio/speech');
    const body = JSON.parse(request.body.toString()) as { voice: string };
    assert.equal(body.voice, 'onyx');
  });

  it('needs no key for a self-hosted OpenAI-compatible stage but does for api.openai.com', () => {
    const selfHosted = { PARLEY_STT: 'openai', OPENAI_STT_BASE_URL: 'http://127.0.0.1:8000/v1' };
    assert.equal(modelsFromEnv(selfHosted)(cafe).stt.provider, 'openai');
    assert.throws(
      () => modelsFromEnv({ PARLEY_STT: 'openai' })(cafe),
      (error: unknown) => error instanceof ConfigError && /OPENAI_API_KEY/.test(error.message),
    );
  });
});

describe('modelsFromEnv presets', () => {
  it('builds a Groq LLM from GROQ_API_KEY and names the preset as provider', () => {
    const { llm } = modelsFromEnv({ PARLEY_LLM: 'groq', GROQ_API_KEY: 'k' })(cafe);
    assert.deepEqual([llm.provider, llm.model], ['groq', 'llama-3.3-70b-versatile']);
  });

  it('needs the key of a hosted preset but none for a local one', () => {
    assert.throws(() => modelsFromEnv({ PARLEY_LLM: 'cerebras' })(cafe), /CEREBRAS_API_KEY/);
    assert.equal(modelsFromEnv({ PARLEY_LLM: 'ollama' })(cafe).llm.provider, 'ollama');
  });
});
