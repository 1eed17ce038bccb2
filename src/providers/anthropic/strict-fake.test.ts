import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { collectParts } from '../../testing/conformance/helpers.ts';
import type { TestHttpServer } from '../resilience/test-http-server.ts';
import { createAnthropicLlm } from './llm.ts';
import { startAnthropicTestServer } from './test-server.ts';

let server: TestHttpServer;
before(async () => (server = await startAnthropicTestServer()));
after(() => server.close());

interface ErrorBody {
  type: 'error';
  error: { type: string; message: string };
}

async function post(body: Record<string, unknown>): Promise<{ status: number; body: ErrorBody }> {
  const response = await fetch(`${server.url}/v1/messages`, {
    method: 'POST',
    headers: {
      'x-api-key': 'test-key',
      'anthropic-version': '2023-06-01',
      'content-type': 'application/json',
    },
    body: JSON.stringify({ model: 'text', max_tokens: 100, ...body }),
  });
  return { status: response.status, body: (await response.json()) as ErrorBody };
}

const hi = { role: 'user', content: 'Hi' };
const use = { type: 'tool_use', id: 'toolu_1', name: 'lookup', input: {} };
const result = { type: 'tool_result', tool_use_id: 'toolu_1', content: '{}' };

describe('strict Anthropic fake', () => {
  it('refuses a request without max_tokens', async () => {
    const { status, body } = await post({ messages: [hi], max_tokens: undefined });
    assert.equal(status, 400);
    assert.equal(body.error.message, 'max_tokens: Field required');
  });

  it('refuses an unknown model with 404 not_found_error', async () => {
    const { status, body } = await post({ model: 'claude-9', messages: [hi] });
    assert.deepEqual([status, body.error.type], [404, 'not_found_error']);
  });

  it('refuses an empty message list', async () => {
    const { status } = await post({ messages: [] });
    assert.equal(status, 400);
  });

  it('refuses a history that starts with the assistant', async () => {
    const { status, body } = await post({
      messages: [{ role: 'assistant', content: 'Hello' }, hi],
    });
    assert.equal(status, 400);
    assert.match(body.error.message, /first message must use the "user" role/);
  });

  it('refuses two user turns in a row', async () => {
    const { status, body } = await post({ messages: [hi, hi] });
    assert.equal(status, 400);
    assert.match(body.error.message, /roles must alternate/);
  });

  it('refuses a whitespace-only text block', async () => {
    const { status, body } = await post({
      messages: [{ role: 'user', content: [{ type: 'text', text: '  ' }] }],
    });
    assert.equal(status, 400);
    assert.match(body.error.message, /non-whitespace text/);
  });

  it('refuses a final assistant turn ending in whitespace', async () => {
    const { status, body } = await post({
      messages: [hi, { role: 'assistant', content: 'Let me see ' }],
    });
    assert.equal(status, 400);
    assert.match(body.error.message, /trailing whitespace/);
  });

  it('refuses a tool_use without a tool_result in the next message', async () => {
    const { status, body } = await post({
      messages: [hi, { role: 'assistant', content: [use] }, hi],
    });
    assert.equal(status, 400);
    assert.match(body.error.message, /`tool_use` ids were found without `tool_result` blocks/);
  });

  it('refuses a tool_result whose tool_use is not in the previous message', async () => {
    const { status, body } = await post({
      messages: [{ role: 'user', content: [result] }],
    });
    assert.equal(status, 400);
    assert.match(body.error.message, /unexpected `tool_use_id` found in `tool_result` blocks/);
  });

  it('accepts what the adapter sends after a barge-in cut a tool call short', async () => {
    const llm = createAnthropicLlm({
      apiKey: 'test-key',
      model: 'claude-haiku-4-5',
      baseUrl: server.url,
    });
    const parts = await collectParts(
      llm.stream({
        messages: [
          { role: 'system', content: 'Be brief.' },
          { role: 'assistant', content: 'Hello! ' },
          { role: 'user', content: 'Where is order 1234?' },
          {
            role: 'assistant',
            content: 'Let me look ',
            toolCalls: [{ id: 'toolu_1', name: 'lookup', argumentsJson: '{}' }],
            interrupted: true,
          },
          { role: 'user', content: 'Never mind.' },
          { role: 'user', content: 'Thanks.' },
          { role: 'assistant', content: 'Anything else? ' },
        ],
        signal: new AbortController().signal,
      }),
    );
    assert.equal(parts.at(-1)?.type, 'finish');
  });
});
