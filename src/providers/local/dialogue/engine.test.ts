import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Clock } from '../../../spec/clock.ts';
import { AbortedError } from '../../../spec/errors.ts';
import type { ChatMessage, LlmModel, LlmPart, ToolCall } from '../../../spec/llm.ts';
import { createDialogueEngine } from './engine.ts';
import { cafeScript, supportScript } from './test-scripts.ts';

const support = createDialogueEngine({ script: supportScript });
const cafe = createDialogueEngine({ script: cafeScript, language: 'es-ES' });
const system: ChatMessage = { role: 'system', content: 'You are the support desk.' };

async function run(model: LlmModel, messages: readonly ChatMessage[]): Promise<LlmPart[]> {
  const parts: LlmPart[] = [];
  for await (const part of model.stream({ messages, signal: new AbortController().signal })) {
    parts.push(part);
  }
  return parts;
}

function textOf(parts: readonly LlmPart[]): string {
  return parts.map((part) => (part.type === 'text-delta' ? part.text : '')).join('');
}

async function reply(model: LlmModel, messages: readonly ChatMessage[]): Promise<string> {
  return textOf(await run(model, messages));
}

function toolCallOf(parts: readonly LlmPart[]): ToolCall {
  const part = parts.find((candidate) => candidate.type === 'tool-call');
  assert.ok(part?.type === 'tool-call', 'expected a tool call');
  return part.call;
}

function user(content: string): ChatMessage {
  return { role: 'user', content };
}

function assistant(content: string, toolCalls?: readonly ToolCall[]): ChatMessage {
  return toolCalls === undefined
    ? { role: 'assistant', content }
    : { role: 'assistant', content, toolCalls };
}

function toolResult(call: ToolCall, result: unknown, isError = false): ChatMessage {
  const content = typeof result === 'string' ? result : JSON.stringify(result);
  return { role: 'tool', toolCallId: call.id, name: call.name, content, isError };
}

describe('dialogue engine', () => {
  it('describes itself as the local scripted dialogue engine with tool calls', () => {
    assert.equal(support.provider, 'local');
    assert.equal(support.model, 'scripted-dialogue');
    assert.deepEqual(support.capabilities, { streaming: true, toolCalls: true });
  });

  it('streams a reply word by word, then finishes with word counts', async () => {
    const parts = await run(support, [system, user('when are you open')]);
    const deltas = parts.filter((part) => part.type === 'text-delta');
    assert.deepEqual(
      deltas.map((part) => part.text),
      ["We're ", 'open ', 'nine ', 'to ', 'five, ', 'Monday ', 'to ', 'Friday.'],
    );
    assert.deepEqual(parts.at(-1), {
      type: 'finish',
      reason: 'stop',
      usage: { inputTokens: 9, outputTokens: 8 },
    });
    assert.equal(parts.length, deltas.length + 1);
  });

  it('calls the tool with mapped arguments when the first utterance fills every slot', async () => {
    const parts = await run(support, [
      system,
      user('where is my order, it is four five seven one'),
    ]);
    const call = toolCallOf(parts);
    assert.equal(call.name, 'get_order_status');
    assert.deepEqual(JSON.parse(call.argumentsJson), { orderId: '4571' });
    assert.deepEqual(parts.at(-1), {
      type: 'finish',
      reason: 'tool-calls',
      usage: { inputTokens: 15, outputTokens: 2 },
    });
    assert.equal(
      parts.some((part) => part.type === 'text-delta'),
      false,
    );
  });

  it('gives each tool call a unique id', async () => {
    const messages = [user('track my order 4 5 7 1')];
    const first = toolCallOf(await run(support, messages));
    const second = toolCallOf(await run(support, messages));
    assert.notEqual(first.id, second.id);
  });

  it('asks for a missing slot and fills it from the next answer', async () => {
    const history: ChatMessage[] = [system, user("um where's my order")];
    const prompt = await reply(support, history);
    assert.equal(prompt, "What's your order number?");
    history.push(assistant(prompt), user('four five seven one'));
    const call = toolCallOf(await run(support, history));
    assert.deepEqual(JSON.parse(call.argumentsJson), { orderId: '4571' });
  });

  it('fills two slots over three turns, keeping constants and the first answer', async () => {
    const history: ChatMessage[] = [user('I want to report a problem with a component')];
    const first = await reply(support, history);
    assert.equal(first, 'Which component is it?');
    history.push(assistant(first), user('P M P two zero zero'));
    const second = await reply(support, history);
    assert.equal(second, 'How severe is it: low, medium, high or critical?');
    history.push(assistant(second), user("it's urgent"));
    const call = toolCallOf(await run(support, history));
    assert.equal(call.name, 'create_ticket');
    assert.deepEqual(JSON.parse(call.argumentsJson), {
      component: 'PMP-200',
      severity: 'critical',
      channel: 'voice',
    });
  });

  it('replies from the template filled with the tool result', async () => {
    const history: ChatMessage[] = [user('where is my order 4571')];
    const call = toolCallOf(await run(support, history));
    history.push(assistant('', [call]), toolResult(call, { status: 'shipped', eta: 'Friday' }));
    assert.equal(await reply(support, history), 'Order 4 5 7 1 is shipped, arriving Friday.');
  });

  it('replies with the error template when the tool fails', async () => {
    const history: ChatMessage[] = [user('where is my order 4571')];
    const call = toolCallOf(await run(support, history));
    history.push(assistant('', [call]), toolResult(call, 'No such order.', true));
    assert.equal(await reply(support, history), "I couldn't find order 4 5 7 1. No such order.");
  });

  it('answers from injected knowledge passages when no intent fits', async () => {
    const knowledge: ChatMessage = {
      role: 'system',
      content:
        'Knowledge passages:\n[1] (refund-policy.md) Refunds are paid within five days. ' +
        'Items must be unused.\n[2] (shipping.md) We ship to the EU.',
    };
    const text = await reply(support, [system, knowledge, user('how long do refunds take')]);
    assert.equal(text, 'According to refund policy: Refunds are paid within five days.');
  });

  it('asks to hear it again, then hands over to a human on the second miss', async () => {
    const history: ChatMessage[] = [system, user('blah blah')];
    const first = await reply(support, history);
    assert.equal(first, 'Sorry, could you say that again?');
    history.push(assistant(first), user('flibber jabber'));
    assert.equal(await reply(support, history), 'Let me get a colleague to help you.');
  });

  it('asks a slot prompt again when the answer does not fill it', async () => {
    const history: ChatMessage[] = [
      user('where is my order'),
      assistant("What's your order number?"),
    ];
    history.push(user('I do not remember'));
    const again = await reply(support, history);
    assert.equal(again, "Sorry, I didn't catch that. What's your order number?");
    history.push(assistant(again), user('still no idea'));
    assert.equal(await reply(support, history), 'Let me get a colleague to help you.');
  });

  it('switches intent when the answer to a prompt asks for something else', async () => {
    const history: ChatMessage[] = [
      user('where is my order'),
      assistant("What's your order number?"),
    ];
    history.push(user('actually, when are you open?'));
    assert.equal(await reply(support, history), "We're open nine to five, Monday to Friday.");
  });

  it('runs a Spanish order from words to tool call to reply', async () => {
    const history: ChatMessage[] = [user('eh, ¿dónde está mi pedido?')];
    const prompt = await reply(cafe, history);
    assert.equal(prompt, '¿Cuál es tu número de pedido?');
    history.push(assistant(prompt), user('cuatro cinco siete uno'));
    const call = toolCallOf(await run(cafe, history));
    assert.deepEqual(JSON.parse(call.argumentsJson), { numero: '4571' });
    history.push(assistant('', [call]), toolResult(call, { estado: 'en camino' }));
    assert.equal(await reply(cafe, history), 'El pedido 4 5 7 1 está en camino.');
  });

  it('stops at once when aborted mid-reply and yields nothing more', async () => {
    const controller = new AbortController();
    const parts: LlmPart[] = [];
    const stream = support.stream({
      messages: [user('when are you open')],
      signal: controller.signal,
    });
    for await (const part of stream) {
      parts.push(part);
      if (parts.length === 2) controller.abort();
    }
    assert.equal(parts.length, 2);
    assert.ok(parts.every((part) => part.type === 'text-delta'));
  });

  it('waits tokenDelayMs on the clock between words and stops when aborted while waiting', async () => {
    const sleeps: number[] = [];
    const clock: Clock = {
      now: () => 0,
      setTimer: () => () => undefined,
      sleep(delayMs, signal) {
        sleeps.push(delayMs);
        return new Promise((resolve, reject) => {
          if (sleeps.length < 3) resolve();
          else signal?.addEventListener('abort', () => reject(new AbortedError()), { once: true });
        });
      },
    };
    const model = createDialogueEngine({ script: supportScript, tokenDelayMs: 40, clock });
    const controller = new AbortController();
    const parts: LlmPart[] = [];
    const stream = model.stream({
      messages: [user('when are you open')],
      signal: controller.signal,
    });
    for await (const part of stream) {
      parts.push(part);
      if (parts.length === 3) setImmediate(() => controller.abort());
    }
    assert.deepEqual(sleeps, [40, 40, 40]);
    assert.equal(textOf(parts), "We're open nine ");
    assert.equal(parts.at(-1)?.type, 'text-delta');
  });

  it('reports a tool the session did not offer as an error part and falls back', async () => {
    const tools = [{ name: 'create_ticket', description: 'Open a ticket', parameters: {} }];
    const parts: LlmPart[] = [];
    const messages = [user('where is my order 4571')];
    for await (const part of support.stream({
      messages,
      tools,
      signal: new AbortController().signal,
    })) {
      parts.push(part);
    }
    assert.equal(parts[0]?.type, 'error');
    assert.equal(
      parts.some((part) => part.type === 'tool-call'),
      false,
    );
    assert.equal(textOf(parts), 'Sorry, could you say that again?');
  });

  it('recognises its own prompt when the prompt has placeholders filled in', async () => {
    const model = createDialogueEngine({
      script: {
        fallbackReply: 'Pardon?',
        intents: [
          {
            name: 'book',
            examples: ['book a table'],
            slots: [
              { name: 'guests', kind: 'number', required: true },
              {
                name: 'day',
                kind: 'enum',
                values: ['friday', 'saturday'],
                required: true,
                prompt: 'Which day would you like, for {guests} people?',
              },
            ],
            reply: 'Booked for {guests} on {day}.',
          },
        ],
      },
    });
    const history: ChatMessage[] = [user('book a table for four')];
    const prompt = await reply(model, history);
    assert.equal(prompt, 'Which day would you like, for 4 people?');
    history.push(assistant(prompt), user('saturday please'));
    assert.equal(await reply(model, history), 'Booked for 4 on saturday.');
  });
});
