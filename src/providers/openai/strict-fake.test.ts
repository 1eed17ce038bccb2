import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ProviderError } from '../../spec/errors.ts';
import { collectParts } from '../../testing/conformance/helpers.ts';
import type { TestHttpServer } from '../resilience/test-http-server.ts';
import { createOpenAICompatibleLlm } from './llm.ts';
import { startOpenAITestServer } from './test-server.ts';

let server: TestHttpServer;
before(async () => (server = await startOpenAITestServer()));
after(() => server.close());

interface ErrorBody {
  error: { message: string; type: string; param: string | null; code: string | null };
}

async function post(path: string, body: unknown): Promise<{ status: number; body: ErrorBody }> {
  const response = await fetch(`${server.url}/v1/${path}`, {
    method: 'POST',
    headers: { authorization: 'Bearer test-key', 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as ErrorBody };
}

const user = { role: 'user', content: 'Order 1234?' };
const call = { id: 'call_1', type: 'function', function: { name: 'lookup', arguments: '{}' } };

describe('strict OpenAI fake: chat completions', () => {
  it('refuses an unknown model with 404 model_not_found', async () => {
    const { status, body } = await post('chat/completions', { model: 'gpt-9', messages: [user] });
    assert.equal(status, 404);
    assert.equal(body.error.code, 'model_not_found');
  });

  it('refuses an empty message list', async () => {
    const { status, body } = await post('chat/completions', { model: 'text', messages: [] });
    assert.equal(status, 400);
    assert.equal(body.error.param, 'messages');
  });

  it('refuses max_tokens for a reasoning model', async () => {
    const { status, body } = await post('chat/completions', {
      model: 'gpt-5-mini',
      messages: [user],
      max_tokens: 100,
    });
    assert.equal(status, 400);
    assert.equal(body.error.code, 'unsupported_parameter');
  });

  it('refuses tool_choice without tools', async () => {
    const { status, body } = await post('chat/completions', {
      model: 'text',
      messages: [user],
      tool_choice: 'auto',
    });
    assert.equal(status, 400);
    assert.equal(body.error.param, 'tool_choice');
  });

  it('refuses a tool message that answers no call', async () => {
    const { status, body } = await post('chat/completions', {
      model: 'text',
      messages: [user, { role: 'tool', tool_call_id: 'call_1', content: '{}' }],
    });
    assert.equal(status, 400);
    assert.match(
      body.error.message,
      /must be a response to a preceeding message with 'tool_calls'/,
    );
  });

  it('refuses a tool call left without its result', async () => {
    const { status, body } = await post('chat/completions', {
      model: 'text',
      messages: [user, { role: 'assistant', content: null, tool_calls: [call] }, user],
    });
    assert.equal(status, 400);
    assert.match(body.error.message, /did not have response messages: call_1/);
  });

  it('refuses an assistant message with neither content nor tool calls', async () => {
    const { status, body } = await post('chat/completions', {
      model: 'text',
      messages: [user, { role: 'assistant', content: null }],
    });
    assert.equal(status, 400);
    assert.equal(body.error.param, 'messages.[1].content');
  });
});

describe('strict OpenAI fake: audio', () => {
  it('refuses a voice the API does not have, such as an espeak-ng name', async () => {
    const { status, body } = await post('audio/speech', {
      model: 'gpt-4o-mini-tts',
      voice: 'en-us',
      input: 'Hi',
    });
    assert.equal(status, 400);
    assert.equal(body.error.param, 'voice');
  });

  it('refuses speech input over 4096 characters', async () => {
    const { status, body } = await post('audio/speech', {
      model: 'tts-1',
      voice: 'alloy',
      input: 'a'.repeat(4_097),
    });
    assert.equal(status, 400);
    assert.equal(body.error.code, 'string_above_max_length');
  });

  it('refuses an unknown response format and a speed above 4', async () => {
    const format = await post('audio/speech', {
      model: 'tts-1',
      voice: 'alloy',
      input: 'Hi',
      response_format: 'ogg',
    });
    const speed = await post('audio/speech', {
      model: 'tts-1',
      voice: 'alloy',
      input: 'Hi',
      speed: 5,
    });
    assert.deepEqual([format.status, format.body.error.param], [400, 'response_format']);
    assert.deepEqual([speed.status, speed.body.error.param], [400, 'speed']);
  });

  it('refuses a transcription language that is not ISO-639-1', async () => {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(44)], { type: 'audio/wav' }), 'a.wav');
    form.append('model', 'whisper-1');
    form.append('language', 'es-ES');
    const response = await fetch(`${server.url}/v1/audio/transcriptions`, {
      method: 'POST',
      headers: { authorization: 'Bearer test-key' },
      body: form,
    });
    const body = (await response.json()) as ErrorBody;
    assert.deepEqual([response.status, body.error.param], [400, 'language']);
  });
});

describe('openai adapter against the strict fake', () => {
  it('does not retry an exhausted quota', async () => {
    const llm = createOpenAICompatibleLlm({
      baseUrl: `${server.url}/v1`,
      apiKey: 'test-key',
      model: 'quota',
      retry: { baseDelayMs: 1, maxDelayMs: 5 },
    });
    const before = server.requests.length;
    const [part] = await collectParts(
      llm.stream({
        messages: [{ role: 'user', content: 'Hi' }],
        signal: new AbortController().signal,
      }),
    );
    assert.ok(part?.type === 'error' && part.error instanceof ProviderError);
    assert.equal(part.error.retryable, false);
    assert.equal(server.requests.length - before, 1);
  });

  it('sends max_completion_tokens, which reasoning models accept', async () => {
    const llm = createOpenAICompatibleLlm({
      baseUrl: `${server.url}/v1`,
      apiKey: 'test-key',
      model: 'gpt-5-mini',
    });
    const parts = await collectParts(
      llm.stream({
        messages: [{ role: 'user', content: 'Hi' }],
        maxOutputTokens: 50,
        signal: new AbortController().signal,
      }),
    );
    assert.equal(parts.at(-1)?.type, 'finish');
    const body = JSON.parse(server.requests.at(-1)?.body.toString() ?? '{}') as Record<
      string,
      unknown
    >;
    assert.deepEqual([body['max_completion_tokens'], body['max_tokens']], [50, undefined]);
  });
});
