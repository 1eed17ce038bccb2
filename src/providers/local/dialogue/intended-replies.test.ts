import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ChatMessage, LlmPart } from '../../../spec/llm.ts';
import { createDialogueEngine } from './engine.ts';

const engine = createDialogueEngine({
  script: {
    intents: [
      {
        name: 'order_status',
        examples: ['where is my order', 'track my order'],
        slots: [
          {
            name: 'order_id',
            kind: 'digits',
            minDigits: 4,
            required: true,
            prompt: "What's your order number?",
          },
        ],
        tool: 'get_order_status',
        reply: 'Order {order_id:digits} is {result.status}.',
      },
      { name: 'refund', examples: ['i want a refund'], reply: 'Refunds take five days.' },
    ],
    fallbackReply: 'Sorry, I did not get that.',
  },
});
const tools = [{ name: 'get_order_status', description: 'status', parameters: { type: 'object' } }];

async function reply(messages: ChatMessage[]): Promise<LlmPart[]> {
  const parts: LlmPart[] = [];
  for await (const part of engine.stream({
    messages,
    tools,
    signal: new AbortController().signal,
  })) {
    parts.push(part);
  }
  return parts;
}

describe('answers given over a question', () => {
  it('fills the slot when the user answered before hearing any of the question', async () => {
    const parts = await reply([
      { role: 'user', content: 'where is my order' },
      { role: 'user', content: 'four five seven one' },
    ]);
    const call = parts.find((p) => p.type === 'tool-call');
    assert.ok(call?.type === 'tool-call');
    assert.deepEqual(JSON.parse(call.call.argumentsJson), { order_id: '4571' });
  });

  it('fills the slot when the user cut the question off half way', async () => {
    const parts = await reply([
      { role: 'user', content: 'where is my order' },
      { role: 'assistant', content: "What's your", interrupted: true },
      { role: 'user', content: '4 5 7 1' },
    ]);
    assert.ok(parts.some((p) => p.type === 'tool-call'));
  });

  it('still follows the user who asks for something else instead', async () => {
    const parts = await reply([
      { role: 'user', content: 'where is my order' },
      { role: 'assistant', content: "What's", interrupted: true },
      { role: 'user', content: 'actually i want a refund' },
    ]);
    const text = parts.flatMap((p) => (p.type === 'text-delta' ? [p.text] : [])).join('');
    assert.equal(text, 'Refunds take five days.');
  });
});
