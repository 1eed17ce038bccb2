import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ConfigError, ProviderError } from '../../spec/errors.ts';
import type { ChatMessage, LlmModel } from '../../spec/llm.ts';
import type { ToolSpec } from '../../spec/tool.ts';
import { collectParts } from '../../testing/conformance/helpers.ts';
import { describeLlmConformance } from '../../testing/conformance/llm.ts';
import type { TestHttpServer } from '../resilience/test-http-server.ts';
import { startCompatibleTestServer } from './compatible-test-server.ts';
import { COMPATIBLE_PRESET_NAMES, createPresetLlm, type CompatiblePresetName } from './presets.ts';

const servers = new Map<CompatiblePresetName, TestHttpServer>();
before(async () => {
  for (const name of COMPATIBLE_PRESET_NAMES) {
    servers.set(name, await startCompatibleTestServer(name, { toolParser: true }));
  }
});
after(async () => {
  for (const server of servers.values()) await server.close();
});

const VLLM_MODEL = 'Qwen/Qwen2.5-7B-Instruct';
const preset = (name: CompatiblePresetName): LlmModel =>
  createPresetLlm(name, {
    baseUrl: `${servers.get(name)?.url ?? ''}/v1`,
    apiKey: 'test-key',
    ...(name === 'vllm' ? { model: VLLM_MODEL } : {}),
  });
const hello: ChatMessage[] = [{ role: 'user', content: 'Hello' }];
const tools: ToolSpec[] = [
  { name: 'lookup_order', description: 'Find an order', parameters: { type: 'object' } },
  { name: 'get_time', description: 'Current time', parameters: { type: 'object' } },
];
const run = (model: LlmModel, maxOutputTokens?: number) =>
  collectParts(
    model.stream({
      messages: hello,
      ...(maxOutputTokens !== undefined ? { maxOutputTokens } : {}),
      signal: new AbortController().signal,
    }),
  );

for (const name of COMPATIBLE_PRESET_NAMES) {
  describeLlmConformance(`${name} preset`, () => preset(name), {
    toolCase: { messages: [{ role: 'user', content: 'Where is order 1234?' }], tools },
    openResources: () => servers.get(name)?.openResponses() ?? 0,
  });
}

describe('OpenAI-compatible presets against fakes with their quirks', () => {
  it('reads Groq usage from x_groq on the last chunk', async () => {
    const parts = await run(preset('groq'));
    assert.deepEqual(parts.at(-1), {
      type: 'finish',
      reason: 'stop',
      usage: { inputTokens: 21, outputTokens: 3 },
    });
  });

  it('sends Cerebras none of the fields it refuses', async () => {
    const parts = await run(preset('cerebras'), 64);
    assert.equal(parts.at(-1)?.type, 'finish');
  });

  it('has a Cerebras fake that refuses parallel_tool_calls', async () => {
    const response = await fetch(`${servers.get('cerebras')?.url ?? ''}/v1/chat/completions`, {
      method: 'POST',
      body: JSON.stringify({ model: 'llama-3.3-70b', messages: hello, parallel_tool_calls: true }),
    });
    assert.equal(response.status, 400);
    assert.match(await response.text(), /parallel_tool_calls/);
  });

  it('streams through OpenRouter processing comments', async () => {
    const parts = await run(preset('openrouter'));
    assert.deepEqual(
      parts.filter((p) => p.type === 'text-delta').map((p) => p.text),
      ['Hello', ' there!'],
    );
  });

  it('caps Ollama with max_tokens, the field it honours', async () => {
    const parts = await run(preset('ollama'), 1);
    assert.deepEqual(parts.at(-1), { type: 'finish', reason: 'length' });
    const body = JSON.parse(servers.get('ollama')?.requests.at(-1)?.body.toString() ?? '{}') as {
      max_tokens?: number;
    };
    assert.equal(body.max_tokens, 1);
  });

  it('reports vLLM tools refused by a server without a tool parser as a 400', async () => {
    const server = await startCompatibleTestServer('vllm');
    try {
      const llm = createPresetLlm('vllm', { baseUrl: `${server.url}/v1`, model: VLLM_MODEL });
      const [part] = await collectParts(
        llm.stream({ messages: hello, tools, signal: new AbortController().signal }),
      );
      assert.ok(part?.type === 'error' && part.error instanceof ProviderError);
      assert.match(part.error.message, /--enable-auto-tool-choice/);
    } finally {
      await server.close();
    }
  });

  it('needs a model name for vLLM', () => {
    assert.throws(() => createPresetLlm('vllm'), ConfigError);
  });

  it('finishes a llama.cpp stream that has no usage chunk', async () => {
    const parts = await run(preset('llama.cpp'));
    assert.deepEqual(parts.at(-1), { type: 'finish', reason: 'stop' });
  });
});
