import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ProtocolError, ProviderError, TimeoutError } from '../../spec/errors.ts';
import type { LlmPart } from '../../spec/llm.ts';
import { collectParts } from '../../testing/conformance/helpers.ts';
import { describeLlmConformance } from '../../testing/conformance/llm.ts';
import type { TestHttpServer } from '../resilience/test-http-server.ts';
import { createAnthropicLlm } from './llm.ts';
import { CONVERSATION_START, toAnthropicMessages } from './request.ts';
import { startAnthropicTestServer } from './test-server.ts';

let server: TestHttpServer;
before(async () => (server = await startAnthropicTestServer()));
after(() => server.close());

const model = (name: string, timeoutMs = 2_000) =>
  createAnthropicLlm({
    baseUrl: server.url,
    apiKey: 'test-key',
    model: name,
    timeoutMs,
    retry: { baseDelayMs: 1, maxDelayMs: 5 },
  });
const hello = [{ role: 'user' as const, content: 'Hello' }];
const run = (name: string, timeoutMs?: number): Promise<LlmPart[]> =>
  collectParts(
    model(name, timeoutMs).stream({ messages: hello, signal: new AbortController().signal }),
  );

describeLlmConformance('anthropic', () => model('text'), {
  toolCase: {
    messages: [{ role: 'user', content: 'Where is order 1234?' }],
    tools: [{ name: 'lookup_order', description: 'Find an order', parameters: { type: 'object' } }],
    makeModel: () => model('tools'),
  },
  makeFailingModel: () => model('status-400'),
  openResources: () => server.openResponses(),
});

describe('anthropic messages', () => {
  it('streams text deltas and a finish with usage from message_start and message_delta', async () => {
    assert.deepEqual(await run('text'), [
      { type: 'text-delta', text: 'Hello' },
      { type: 'text-delta', text: ' there!' },
      { type: 'finish', reason: 'stop', usage: { inputTokens: 25, outputTokens: 4 } },
    ]);
  });

  it('assembles input_json_delta fragments into one tool call at content_block_stop', async () => {
    assert.deepEqual(await run('tools'), [
      { type: 'text-delta', text: 'Let me check.' },
      {
        type: 'tool-call',
        call: { id: 'toolu_01', name: 'lookup_order', argumentsJson: '{"orderId": "1234"}' },
      },
      { type: 'finish', reason: 'tool-calls', usage: { inputTokens: 25, outputTokens: 30 } },
    ]);
  });

  it('maps system prompts, tool calls and tool results onto alternating messages', () => {
    const mapped = toAnthropicMessages([
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'Order 1234?' },
      {
        role: 'assistant',
        content: 'Checking.',
        toolCalls: [{ id: 't1', name: 'lookup_order', argumentsJson: '{"id":1}' }],
      },
      { role: 'tool', toolCallId: 't1', name: 'lookup_order', content: 'not found', isError: true },
      { role: 'user', content: 'Hm?' },
    ]);
    assert.equal(mapped.system, 'Be brief.');
    assert.deepEqual(mapped.messages, [
      { role: 'user', content: [{ type: 'text', text: 'Order 1234?' }] },
      {
        role: 'assistant',
        content: [
          { type: 'text', text: 'Checking.' },
          { type: 'tool_use', id: 't1', name: 'lookup_order', input: { id: 1 } },
        ],
      },
      {
        role: 'user',
        content: [
          { type: 'tool_result', tool_use_id: 't1', content: 'not found', is_error: true },
          { type: 'text', text: 'Hm?' },
        ],
      },
    ]);
  });

  it('puts a placeholder user turn before a greeting and drops empty user text', () => {
    const mapped = toAnthropicMessages([
      { role: 'assistant', content: 'Welcome to the café!' },
      { role: 'user', content: '' },
      { role: 'user', content: 'A coffee, please.' },
    ]);
    assert.deepEqual(mapped.messages, [
      { role: 'user', content: [{ type: 'text', text: CONVERSATION_START }] },
      { role: 'assistant', content: [{ type: 'text', text: 'Welcome to the café!' }] },
      { role: 'user', content: [{ type: 'text', text: 'A coffee, please.' }] },
    ]);
  });

  it('sends the documented headers and body with tools as input_schema', async () => {
    await collectParts(
      model('text').stream({
        messages: [{ role: 'system', content: 'Be brief.' }, ...hello],
        tools: [
          { name: 'lookup_order', description: 'Find an order', parameters: { type: 'object' } },
        ],
        signal: new AbortController().signal,
      }),
    );
    const request = server.requests.at(-1);
    assert.equal(request?.headers['x-api-key'], 'test-key');
    assert.equal(request.headers['anthropic-version'], '2023-06-01');
    const body = JSON.parse(request.body.toString()) as Record<string, unknown>;
    assert.equal(body['stream'], true);
    assert.equal(body['max_tokens'], 1024);
    assert.equal(body['system'], 'Be brief.');
    assert.deepEqual(body['tools'], [
      { name: 'lookup_order', description: 'Find an order', input_schema: { type: 'object' } },
    ]);
  });

  it('retries a 529 overloaded response before the first byte', async () => {
    const parts = await run('flaky-529');
    assert.equal(parts.at(-1)?.type, 'finish');
  });

  it('reports a 400 as a non-retryable ProviderError', async () => {
    const [part] = await run('status-400');
    assert.ok(part?.type === 'error' && part.error instanceof ProviderError);
    assert.equal(part.error.retryable, false);
  });

  it('reports a 500 as a retryable ProviderError', async () => {
    const [part] = await run('status-500');
    assert.ok(
      part?.type === 'error' && part.error instanceof ProviderError && part.error.retryable,
    );
  });

  it('times out a silent server with a TimeoutError', async () => {
    const [part] = await run('hang', 100);
    assert.ok(part?.type === 'error' && part.error instanceof TimeoutError);
  });

  it('ends a stream cut off mid-answer with a retryable error and no finish', async () => {
    const parts = await run('disconnect');
    assert.deepEqual(parts[0], { type: 'text-delta', text: 'Hello' });
    const last = parts.at(-1);
    assert.ok(
      last?.type === 'error' && last.error instanceof ProviderError && last.error.retryable,
    );
  });

  it('turns a malformed event into a ProtocolError part that ends the stream', async () => {
    const parts = await run('malformed');
    const last = parts.at(-1);
    assert.ok(last?.type === 'error' && last.error instanceof ProtocolError);
    assert.ok(!parts.some((part) => part.type === 'finish'));
  });

  it('reports an overloaded_error event as a retryable ProviderError part', async () => {
    const parts = await run('overloaded');
    assert.equal(parts.length, 1);
    assert.ok(
      parts[0]?.type === 'error' &&
        parts[0].error instanceof ProviderError &&
        parts[0].error.retryable,
    );
  });
});

describe('anthropic live', () => {
  const apiKey = process.env['ANTHROPIC_API_KEY'];
  it(
    'answers a short prompt from the real API',
    { skip: apiKey ? false : 'no ANTHROPIC_API_KEY' },
    async () => {
      const llm = createAnthropicLlm({
        apiKey: apiKey ?? '',
        model: process.env['PARLEY_LLM_MODEL'] ?? 'claude-haiku-4-5',
      });
      const parts = await collectParts(
        llm.stream({ messages: hello, signal: new AbortController().signal }),
      );
      assert.equal(parts.at(-1)?.type, 'finish');
    },
  );
});
