import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ProtocolError, ProviderError, TimeoutError } from '../../spec/errors.ts';
import type { LlmPart } from '../../spec/llm.ts';
import { describeLlmConformance } from '../../testing/conformance/llm.ts';
import { collectParts } from '../../testing/conformance/helpers.ts';
import type { TestHttpServer } from '../resilience/test-http-server.ts';
import { createOpenAICompatibleLlm } from './llm.ts';
import { startOpenAITestServer } from './test-server.ts';

let server: TestHttpServer;
before(async () => (server = await startOpenAITestServer()));
after(() => server.close());

const fastRetry = { baseDelayMs: 1, maxDelayMs: 5 };
const model = (name: string, timeoutMs = 2_000) =>
  createOpenAICompatibleLlm({
    baseUrl: `${server.url}/v1`,
    apiKey: 'test-key',
    model: name,
    timeoutMs,
    retry: fastRetry,
  });
const hello = [{ role: 'user' as const, content: 'Hello' }];
const run = (name: string, timeoutMs?: number): Promise<LlmPart[]> =>
  collectParts(
    model(name, timeoutMs).stream({ messages: hello, signal: new AbortController().signal }),
  );

describeLlmConformance('openai-compatible', () => model('text'), {
  toolCase: {
    messages: [{ role: 'user', content: 'Where is order 1234?' }],
    tools: [
      { name: 'lookup_order', description: 'Find an order', parameters: { type: 'object' } },
      { name: 'get_time', description: 'Current time', parameters: { type: 'object' } },
    ],
    makeModel: () => model('tools'),
  },
  makeFailingModel: () => model('status-500'),
  openResources: () => server.openResponses(),
});

describe('openai-compatible chat completions', () => {
  it('streams text deltas and a finish with token usage', async () => {
    assert.deepEqual(await run('text'), [
      { type: 'text-delta', text: 'Hello' },
      { type: 'text-delta', text: ' there!' },
      { type: 'finish', reason: 'stop', usage: { inputTokens: 21, outputTokens: 3 } },
    ]);
  });

  it('assembles streamed tool-call fragments into whole calls in index order', async () => {
    const parts = await run('tools');
    assert.deepEqual(parts.slice(0, 2), [
      {
        type: 'tool-call',
        call: { id: 'call_abc', name: 'lookup_order', argumentsJson: '{"orderId":"1234"}' },
      },
      { type: 'tool-call', call: { id: 'call_def', name: 'get_time', argumentsJson: '{}' } },
    ]);
    assert.deepEqual(parts[2], {
      type: 'finish',
      reason: 'tool-calls',
      usage: { inputTokens: 50, outputTokens: 12 },
    });
  });

  it('sends the documented request: path, bearer key, stream flags, tools and mapped messages', async () => {
    const llm = model('text');
    await collectParts(
      llm.stream({
        messages: [
          { role: 'system', content: 'Be brief.' },
          { role: 'user', content: 'Order 1234?' },
          {
            role: 'assistant',
            content: '',
            toolCalls: [{ id: 'c1', name: 'lookup_order', argumentsJson: '{"id":1}' }],
          },
          {
            role: 'tool',
            toolCallId: 'c1',
            name: 'lookup_order',
            content: 'not found',
            isError: true,
          },
        ],
        tools: [
          { name: 'lookup_order', description: 'Find an order', parameters: { type: 'object' } },
        ],
        signal: new AbortController().signal,
      }),
    );
    const request = server.requests.at(-1);
    assert.equal(request?.url, '/v1/chat/completions');
    assert.equal(request.headers.authorization, 'Bearer test-key');
    const body = JSON.parse(request.body.toString()) as Record<string, unknown>;
    assert.equal(body['stream'], true);
    assert.deepEqual(body['stream_options'], { include_usage: true });
    assert.deepEqual(body['tools'], [
      {
        type: 'function',
        function: {
          name: 'lookup_order',
          description: 'Find an order',
          parameters: { type: 'object' },
        },
      },
    ]);
    assert.deepEqual(body['messages'], [
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'Order 1234?' },
      {
        role: 'assistant',
        content: null,
        tool_calls: [
          { id: 'c1', type: 'function', function: { name: 'lookup_order', arguments: '{"id":1}' } },
        ],
      },
      { role: 'tool', tool_call_id: 'c1', content: 'Error: not found' },
    ]);
  });

  it('accepts a stream that ends after its finish reason without [DONE]', async () => {
    const parts = await run('no-done');
    assert.deepEqual(parts.at(-1), {
      type: 'finish',
      reason: 'stop',
      usage: { inputTokens: 21, outputTokens: 3 },
    });
  });

  it('retries a 429 before the first byte and then streams the answer', async () => {
    const before = server.requests.length;
    const parts = await run('flaky-429');
    assert.equal(parts.at(-1)?.type, 'finish');
    assert.equal(server.requests.length - before, 3);
  });

  it('reports a 400 once as a non-retryable ProviderError without retrying', async () => {
    const before = server.requests.length;
    const [part] = await run('status-400');
    assert.equal(part?.type, 'error');
    assert.ok(part.error instanceof ProviderError);
    assert.equal(part.error.retryable, false);
    assert.equal(part.error.statusCode, 400);
    assert.equal(server.requests.length - before, 1);
  });

  it('reports a 500 as a retryable ProviderError after the bounded retries', async () => {
    const before = server.requests.length;
    const [part] = await run('status-500');
    assert.ok(
      part?.type === 'error' && part.error instanceof ProviderError && part.error.retryable,
    );
    assert.equal(server.requests.length - before, 3);
  });

  it('reports a wrong key as a non-retryable 401', async () => {
    const llm = createOpenAICompatibleLlm({
      baseUrl: `${server.url}/v1`,
      apiKey: 'wrong',
      model: 'text',
    });
    const [part] = await collectParts(
      llm.stream({ messages: hello, signal: new AbortController().signal }),
    );
    assert.ok(part?.type === 'error' && part.error instanceof ProviderError);
    assert.equal(part.error.statusCode, 401);
    assert.equal(part.error.retryable, false);
  });

  it('times out a server that never answers with a TimeoutError', async () => {
    const parts = await run('hang', 100);
    assert.equal(parts.length, 1);
    assert.ok(parts[0]?.type === 'error' && parts[0].error instanceof TimeoutError);
  });

  it('ends a stream cut off mid-answer with a retryable error after the text so far', async () => {
    const parts = await run('disconnect');
    assert.deepEqual(parts.slice(0, 1), [{ type: 'text-delta', text: 'Hello' }]);
    const last = parts.at(-1);
    assert.ok(
      last?.type === 'error' && last.error instanceof ProviderError && last.error.retryable,
    );
    assert.ok(!parts.some((part) => part.type === 'finish'));
  });

  it('turns a malformed chunk into a ProtocolError part that ends the stream', async () => {
    const parts = await run('malformed');
    assert.equal(parts.length, 2);
    assert.ok(parts[1]?.type === 'error' && parts[1].error instanceof ProtocolError);
    assert.ok(parts[1].error.cause instanceof SyntaxError);
  });

  it('reports an error object inside the stream as a ProviderError part', async () => {
    const [part] = await run('stream-error');
    assert.ok(
      part?.type === 'error' && part.error instanceof ProviderError && part.error.retryable,
    );
  });
});

describe('openai live', () => {
  const apiKey = process.env['OPENAI_API_KEY'];
  it(
    'answers a short prompt from the real API',
    { skip: apiKey ? false : 'no OPENAI_API_KEY' },
    async () => {
      const llm = createOpenAICompatibleLlm({
        baseUrl: process.env['OPENAI_BASE_URL'] ?? 'https://api.openai.com/v1',
        apiKey,
        model: process.env['PARLEY_LLM_MODEL'] ?? 'gpt-4o-mini',
      });
      const parts = await collectParts(
        llm.stream({ messages: hello, signal: new AbortController().signal }),
      );
      assert.equal(parts.at(-1)?.type, 'finish');
    },
  );
});
