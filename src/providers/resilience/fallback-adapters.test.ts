import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { SttInput } from '../../spec/stt.ts';
import { collectParts } from '../../testing/conformance/helpers.ts';
import { createAnthropicLlm } from '../anthropic/llm.ts';
import { startAnthropicTestServer } from '../anthropic/test-server.ts';
import { createDeepgramStt } from '../deepgram/stt.ts';
import {
  codedAudio,
  startDeepgramTestServer,
  type DeepgramTestServer,
} from '../deepgram/stt-test-server.ts';
import { createOpenAICompatibleLlm } from '../openai/llm.ts';
import { startOpenAITestServer } from '../openai/test-server.ts';
import { createOpenAITranscriptionStt } from '../openai/transcription-stt.ts';
import type { FallbackInfo } from './fallback.ts';
import { fallbackLabel } from './fallback.ts';
import { createFallbackLlm, createFallbackStt } from './fallback-models.ts';
import type { TestHttpServer } from './test-http-server.ts';

let openai: TestHttpServer;
let anthropic: TestHttpServer;
let deepgram: DeepgramTestServer;
before(async () => {
  [openai, anthropic, deepgram] = await Promise.all([
    startOpenAITestServer(),
    startAnthropicTestServer(),
    startDeepgramTestServer(),
  ]);
});
after(() => Promise.all([openai.close(), anthropic.close(), deepgram.close()]));

const retry = { baseDelayMs: 1, maxDelayMs: 5 };

describe('fallback chains over real adapters', () => {
  it('answers from Anthropic when the OpenAI-compatible server keeps failing with 500', async () => {
    const events: FallbackInfo[] = [];
    const llm = createFallbackLlm(
      [
        createOpenAICompatibleLlm({
          baseUrl: `${openai.url}/v1`,
          apiKey: 'test-key',
          model: 'status-500',
          retry,
        }),
        createAnthropicLlm({ baseUrl: anthropic.url, apiKey: 'test-key', model: 'text', retry }),
      ],
      { onFallback: (info) => events.push(info) },
    );
    const parts = await collectParts(
      llm.stream({
        messages: [{ role: 'user', content: 'Hi' }],
        signal: new AbortController().signal,
      }),
    );
    assert.equal(parts.at(-1)?.type, 'finish');
    assert.deepEqual(events.map(fallbackLabel), ['llm:openai/status-500→anthropic/text']);
  });

  it('transcribes with OpenAI, from the start of the audio, when Deepgram refuses the key', async () => {
    const events: FallbackInfo[] = [];
    const stt = createFallbackStt(
      [
        createDeepgramStt({ apiKey: 'wrong', baseUrl: deepgram.url, retry }),
        createOpenAITranscriptionStt({ apiKey: 'test-key', baseUrl: `${openai.url}/v1`, retry }),
      ],
      { onFallback: (info) => events.push(info) },
    );
    async function* audio(): AsyncGenerator<SttInput> {
      for (const input of [...codedAudio([1, 2, 3]), { type: 'finalize' } as const]) {
        yield await Promise.resolve(input);
      }
    }
    const parts = await collectParts(
      stt.stream({ audio: audio(), sampleRate: 16_000, signal: new AbortController().signal }),
    );
    assert.deepEqual(parts.at(-1), { type: 'final', text: 'heard 300 ms' });
    assert.ok(parts.slice(0, -1).every((part) => part.type === 'interim'));
    assert.equal(events[0]?.error.message.includes('401'), true);
  });
});
