import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AnyToolDefinition } from '../spec/tool.ts';
import { scriptedSession } from '../testing/session-harness.ts';

const orderTool = (
  execute: AnyToolDefinition['execute'],
  extra: Partial<AnyToolDefinition> = {},
): AnyToolDefinition => ({
  name: 'get_order_status',
  description: 'Look up an order by its number',
  parameters: {
    type: 'object',
    properties: { order_id: { type: 'string', pattern: '^[0-9]{4,}$' } },
    required: ['order_id'],
  },
  execute,
  ...extra,
});

describe('session: fillers', () => {
  it('plays a filler when the first token takes longer than the threshold', async () => {
    const t = scriptedSession({
      llm: { firstTokenDelayMs: 1500, text: 'Here it is.' },
      agent: { filler: { phrases: ['One moment.'] } },
    });
    t.session.sendText('hello');
    await t.clock.advanceUntil(() => t.first('turn.end') !== undefined);
    assert.deepEqual(
      t.of('filler').map((e) => [e.text, e.atMs]),
      [['One moment.', 1200]],
    );
    assert.equal(t.tts.texts[0]!.text, 'One moment.');
    assert.equal(t.first('metrics.turn')!.metrics.fillerPlayed, true);
    assert.equal(
      t.session.history.at(-1)!.content,
      'Here it is.',
      'the filler is not part of the reply',
    );
    await t.session.close();
  });

  it('plays no filler when the first token comes just under the threshold', async () => {
    const t = scriptedSession({ llm: { firstTokenDelayMs: 1199, text: 'Here it is.' } });
    t.session.sendText('hello');
    await t.clock.advanceUntil(() => t.first('turn.end') !== undefined);
    assert.equal(t.of('filler').length, 0);
    assert.deepEqual(
      t.tts.texts.map((x) => x.text),
      ['Here it is.'],
    );
    await t.session.close();
  });

  it("says the tool's own filler while a slow tool runs", async () => {
    let finishTool: (value: unknown) => void = () => undefined;
    const tool = orderTool(
      (_args, context) => {
        context.reportProgress(0.5, 'checking the warehouse');
        return new Promise((resolve) => (finishTool = resolve));
      },
      { filler: "I'm checking on your order now…" },
    );
    const t = scriptedSession({
      agent: { tools: [tool] },
      llm: [
        { toolCalls: [{ name: 'get_order_status', arguments: { order_id: '4571' } }] },
        { text: 'It shipped.' },
      ],
    });
    t.session.sendText('where is order 4571');
    await t.clock.advance(1500);
    finishTool({ status: 'shipped' });
    await t.clock.advanceUntil(() => t.first('turn.end') !== undefined);
    assert.deepEqual(
      t.of('filler').map((e) => [e.text, e.atMs]),
      [["I'm checking on your order now…", 1200]],
    );
    assert.deepEqual(
      t.of('tool.progress').map((e) => [e.fraction, e.label]),
      [[0.5, 'checking the warehouse']],
    );
    await t.session.close();
  });
});

describe('session: tool loop', () => {
  it('recovers from an invalid argument and a timeout, and the conversation goes on', async () => {
    let executions = 0;
    const tool = orderTool(
      () => {
        executions += 1;
        return new Promise(() => undefined); // never answers
      },
      { timeoutMs: 500 },
    );
    const t = scriptedSession({
      agent: { tools: [tool] },
      llm: [
        { toolCalls: [{ name: 'get_order_status', arguments: { order_id: 'abc' } }] },
        { toolCalls: [{ name: 'get_order_status', arguments: { order_id: '4571' } }] },
        { text: 'Sorry, the order system is not answering.' },
      ],
    });
    t.session.sendText('where is my order');
    await t.clock.advanceUntil(() => t.first('turn.end') !== undefined);

    assert.equal(executions, 1, 'the invalid call never reached the tool');
    const toolMessages = t.session.history.filter((m) => m.role === 'tool');
    assert.equal(toolMessages.length, 2);
    assert.match(toolMessages[0]!.content, /order_id must match pattern/);
    assert.match(toolMessages[1]!.content, /timed out after 500 ms/);
    assert.ok(toolMessages.every((m) => m.role === 'tool' && m.isError === true));
    // The LLM saw each error before its next round.
    assert.equal(t.llm.calls.length, 3);
    assert.equal(t.llm.calls[1]!.messages.at(-1)!.role, 'tool');
    assert.deepEqual(
      t.of('tool.result').map((e) => e.ok),
      [false, false],
    );
    assert.equal(t.session.history.at(-1)!.content, 'Sorry, the order system is not answering.');

    // And the next turn works.
    t.session.sendText('thanks');
    await t.clock.advanceUntil(() => t.of('turn.end').length === 2);
    assert.equal(t.of('turn.end').length, 2);
    await t.session.close();
  });

  it('feeds a successful tool result back to the LLM and records the calls in history', async () => {
    const t = scriptedSession({
      agent: { tools: [orderTool(() => Promise.resolve({ status: 'shipped' }))] },
      llm: [
        {
          text: 'Let me look.',
          toolCalls: [{ name: 'get_order_status', arguments: { order_id: '4571' } }],
        },
        { text: 'Order 4571 has shipped.' },
      ],
    });
    t.session.sendText('where is order 4571');
    await t.clock.advanceUntil(() => t.first('turn.end') !== undefined);
    const roles = t.session.history.slice(1).map((m) => m.role);
    assert.deepEqual(roles, ['user', 'assistant', 'tool', 'assistant']);
    assert.equal(t.session.history[3]!.content, '{"status":"shipped"}');
    assert.deepEqual(
      t.tts.texts.map((x) => x.text),
      ['Let me look.', 'Order 4571 has shipped.'],
    );
    await t.session.close();
  });

  it('survives an LLM error by apologising instead of going silent', async () => {
    const { ProviderError } = await import('../spec/errors.ts');
    const t = scriptedSession({
      llm: { error: new ProviderError('upstream 500', { provider: 'fake', retryable: true }) },
    });
    t.session.sendText('hello');
    await t.clock.advanceUntil(() => t.first('turn.end') !== undefined);
    assert.equal(t.of('error').length, 1);
    assert.match(t.tts.texts[0]!.text, /Sorry, I ran into a problem/);
    await t.session.close();
  });
});

describe('session: close', () => {
  it('emits nothing after close and leaves no timer behind', async () => {
    const t = scriptedSession({
      user: [
        { startMs: 0, endMs: 1000, transcript: 'Tell me a long story.' },
        { startMs: 5000, endMs: 6000, transcript: 'And another.' },
      ],
      llm: {
        text: 'Once upon a time there was a very long story. It went on and on.',
        tokenIntervalMs: 100,
      },
    });
    await t.clock.advanceTo(2600); // mid-reply: LLM streaming, audio playing
    assert.ok(t.first('agent.audio') !== undefined);
    await t.session.close();
    const count = t.events.length;
    await t.clock.advance(10_000);
    assert.equal(t.events.length, count, 'no event after close');
    assert.equal(t.clock.pendingTimers, 0, 'no timer left');
    assert.equal(t.llm.calls[0]!.aborted, true);
  });

  it('rejects audio at the wrong sample rate with a clear error and keeps going', async () => {
    const t = scriptedSession({ llm: { text: 'Hi.' } });
    assert.throws(
      () => t.session.pushAudio({ samples: new Int16Array(160), sampleRate: 8000 }),
      /Expected mono PCM16 at 16000 Hz, got 8000 Hz/,
    );
    t.session.pushAudio({ samples: new Int16Array(320), sampleRate: 16_000 });
    t.session.sendText('hello');
    await t.clock.advanceUntil(() => t.first('turn.end') !== undefined);
    assert.equal(t.session.history.at(-1)!.content, 'Hi.');
    await t.session.close();
  });
});
