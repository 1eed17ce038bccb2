import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { ChatMessage } from '../../spec/llm.ts';
import { messagesRequestBody } from '../anthropic/request.ts';
import { anthropicRefusal, type AnthropicRequestBody } from '../anthropic/rules.ts';
import { chatRequestBody } from '../openai/chat-request.ts';
import { openAIChatRefusal, type ChatRequestBody } from '../openai/chat-rules.ts';
import { CANCELLED_TOOL_RESULT, vendorSafeHistory } from './history.ts';

const ids = fc.constantFrom('c1', 'c2', 'c3', 'c4', '');
const text = fc.constantFrom('', ' ', 'Hola.', 'One moment. ', 'Order 1234?');
const call = fc.record({ id: ids, name: fc.constant('lookup'), argumentsJson: fc.constant('{}') });

/** Any history a session may hold after barge-ins, failed streams and late tool results. */
const message: fc.Arbitrary<ChatMessage> = fc.oneof(
  fc.record({ role: fc.constant('system' as const), content: text }),
  fc.record({ role: fc.constant('user' as const), content: text }),
  fc.record({
    role: fc.constant('assistant' as const),
    content: text,
    toolCalls: fc.array(call, { maxLength: 3 }),
    interrupted: fc.boolean(),
  }),
  fc.record({
    role: fc.constant('tool' as const),
    toolCallId: ids,
    name: fc.constant('lookup'),
    content: text,
    isError: fc.boolean(),
  }),
);
/** Sessions always send their system prompt first. */
const history = fc
  .array(message, { maxLength: 14 })
  .map((rest): ChatMessage[] => [{ role: 'system', content: 'Be brief.' }, ...rest]);
const signal = new AbortController().signal;
const anyModel = () => true;

describe('vendorSafeHistory', () => {
  it('answers a call cut off by a barge-in with a cancelled result right after it', () => {
    const safe = vendorSafeHistory([
      { role: 'user', content: 'Where is order 1234?' },
      {
        role: 'assistant',
        content: 'Let me look.',
        toolCalls: [{ id: 'c1', name: 'lookup', argumentsJson: '{}' }],
        interrupted: true,
      },
      { role: 'user', content: 'Actually, cancel it.' },
    ]);
    assert.deepEqual(safe[2], {
      role: 'tool',
      toolCallId: 'c1',
      name: 'lookup',
      content: CANCELLED_TOOL_RESULT,
    });
    assert.equal(safe[3]?.role, 'user');
  });

  it('drops a result whose call is not in the history', () => {
    const safe = vendorSafeHistory([
      { role: 'user', content: 'Hi' },
      { role: 'tool', toolCallId: 'gone', name: 'lookup', content: '{}' },
    ]);
    assert.deepEqual(safe, [{ role: 'user', content: 'Hi' }]);
  });

  it('gives every call exactly one result, right after its assistant turn', () => {
    fc.assert(
      fc.property(history, (messages) => {
        const safe = vendorSafeHistory(messages);
        for (const [i, entry] of safe.entries()) {
          if (entry.role !== 'assistant') continue;
          const calls = entry.toolCalls ?? [];
          const following = safe.slice(i + 1, i + 1 + calls.length);
          assert.deepEqual(
            following.map((next) => (next.role === 'tool' ? next.toolCallId : undefined)),
            calls.map((c) => c.id),
          );
        }
        const resultIds = safe.flatMap((m) => (m.role === 'tool' ? [m.toolCallId] : []));
        assert.equal(new Set(resultIds).size, resultIds.length);
      }),
      { numRuns: 500 },
    );
  });

  it('yields histories the strict OpenAI rules accept', () => {
    fc.assert(
      fc.property(history, (messages) => {
        const body = chatRequestBody(
          'gpt-5-mini',
          { messages, maxOutputTokens: 200, signal },
          {
            includeUsage: true,
            maxTokensField: 'max_completion_tokens',
          },
        );
        assert.equal(openAIChatRefusal(body as ChatRequestBody, anyModel), undefined);
      }),
      { numRuns: 500 },
    );
  });

  it('yields alternating histories the strict Anthropic rules accept', () => {
    fc.assert(
      fc.property(history, (messages) => {
        const body = messagesRequestBody('claude-haiku-4-5', 1024, { messages, signal });
        assert.equal(anthropicRefusal(body as AnthropicRequestBody, anyModel), undefined);
      }),
      { numRuns: 500 },
    );
  });

  it('is needed: raw interrupted histories break the OpenAI rules', () => {
    const raw: ChatMessage[] = [
      { role: 'user', content: 'Order 1234?' },
      {
        role: 'assistant',
        content: '',
        toolCalls: [{ id: 'c1', name: 'lookup', argumentsJson: '{}' }],
      },
      { role: 'user', content: 'Never mind.' },
    ];
    const body = {
      model: 'gpt-5-mini',
      messages: raw.map((m) => ({
        role: m.role,
        content: m.content,
        ...(m.role === 'assistant' ? { tool_calls: [{ id: 'c1' }] } : {}),
      })),
    };
    assert.match(
      openAIChatRefusal(body, anyModel)?.body.error.message ?? '',
      /did not have response messages: c1/,
    );
  });
});
