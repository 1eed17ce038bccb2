import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ChatMessage, LlmModel, LlmPart } from '../../spec/llm.ts';
import type { ToolSpec } from '../../spec/tool.ts';
import { abortAfter, assertParleyErrorWithCause, collectParts, waitForZero } from './helpers.ts';

export interface LlmConformanceOptions {
  /** Conversation sent in the ordinary tests. Default: a system prompt and one user line. */
  readonly messages?: readonly ChatMessage[];
  /** When set, one test expects at least one tool call whose arguments are JSON. */
  readonly toolCase?: {
    readonly messages: readonly ChatMessage[];
    readonly tools: readonly ToolSpec[];
    /** A model that answers this case with tool calls; default `makeModel`. */
    readonly makeModel?: () => LlmModel | Promise<LlmModel>;
  };
  /** A model whose stream fails (server error, refused connection …). */
  readonly makeFailingModel?: () => LlmModel | Promise<LlmModel>;
  /** Open connections/processes held by the model; must fall to zero after abort. */
  readonly openResources?: () => number | Promise<number>;
}

const defaultMessages: readonly ChatMessage[] = [
  { role: 'system', content: 'You are a helpful assistant. Answer briefly.' },
  { role: 'user', content: 'Say hello.' },
];

/** The LLM stage's contract, as node:test cases. Call at the top level of a test file. */
export function describeLlmConformance(
  name: string,
  makeModel: () => LlmModel | Promise<LlmModel>,
  options: LlmConformanceOptions = {},
): void {
  const messages = options.messages ?? defaultMessages;
  describe(`${name}: LLM conformance`, () => {
    it('describes itself with a provider, a model and capabilities', async () => {
      const model = await makeModel();
      assert.ok(model.provider.length > 0);
      assert.ok(model.model.length > 0);
      assert.equal(typeof model.capabilities.streaming, 'boolean');
    });

    it('streams output that ends with exactly one finish part', async () => {
      const model = await makeModel();
      const parts = await collectParts(
        model.stream({ messages, signal: new AbortController().signal }),
      );
      assert.ok(parts.length >= 2, 'expected output then finish');
      assert.equal(parts.at(-1)?.type, 'finish');
      assert.equal(parts.filter((part) => part.type === 'finish').length, 1);
      assert.ok(parts.some((part) => part.type === 'text-delta' || part.type === 'tool-call'));
      assert.ok(!parts.some((part) => part.type === 'error'));
    });

    it('yields nothing when the signal is already aborted', async () => {
      const model = await makeModel();
      const controller = new AbortController();
      controller.abort();
      assert.deepEqual(
        await collectParts(model.stream({ messages, signal: controller.signal })),
        [],
      );
    });

    it('yields nothing more after an abort mid-stream', async () => {
      const model = await makeModel();
      const { before, after } = await abortAfter(
        (signal) => model.stream({ messages, signal }),
        () => true,
      );
      assert.equal(before.length, 1);
      assert.deepEqual(after, []);
      if (options.openResources) await waitForZero(options.openResources, 'resources after abort');
    });

    if (options.toolCase) {
      const { messages: toolMessages, tools } = options.toolCase;
      const makeToolModel = options.toolCase.makeModel ?? makeModel;
      it('assembles each tool call into one part with JSON arguments', async () => {
        const model = await makeToolModel();
        const parts = await collectParts(
          model.stream({ messages: toolMessages, tools, signal: new AbortController().signal }),
        );
        const calls = parts.filter((part) => part.type === 'tool-call');
        assert.ok(calls.length > 0, 'expected a tool call');
        for (const { call } of calls) {
          assert.ok(call.id.length > 0 && tools.some((tool) => tool.name === call.name));
          assert.doesNotThrow(() => JSON.parse(call.argumentsJson) as unknown);
        }
        assert.equal(parts.at(-1)?.type, 'finish');
      });
    }

    if (options.makeFailingModel) {
      const makeFailing = options.makeFailingModel;
      it('reports a failure as one last error part holding a ParleyError with a cause', async () => {
        const model = await makeFailing();
        const parts: LlmPart[] = await collectParts(
          model.stream({ messages, signal: new AbortController().signal }),
        );
        const last = parts.at(-1);
        assert.equal(last?.type, 'error');
        assertParleyErrorWithCause(last.error);
        assert.ok(!parts.some((part) => part.type === 'finish'));
        assert.equal(parts.filter((part) => part.type === 'error').length, 1);
      });
    }
  });
}
