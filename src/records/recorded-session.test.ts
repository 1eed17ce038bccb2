import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AnyToolDefinition } from '../spec/tool.ts';
import { scriptedSession } from '../testing/session-harness.ts';
import { recordSession } from './recorded-session.ts';
import { sqliteDriver } from './sqlite-driver.ts';
import { openRecordStore } from './store.ts';
import { WriteQueue } from './write-queue.ts';

const orderTool: AnyToolDefinition = {
  name: 'get_order_status',
  description: 'Look up an order by its number',
  parameters: {
    type: 'object',
    properties: { order_id: { type: 'string' } },
    required: ['order_id'],
  },
  execute: () => Promise.resolve({ status: 'shipped' }),
};

describe('recordSession', () => {
  it('stores a real session: greeting and a tool turn, while the transport still gets every event', async () => {
    const store = await openRecordStore(sqliteDriver(':memory:'));
    const queue = new WriteQueue({ write: (batch) => store.write(batch), batchDelayMs: 1 });
    const t = scriptedSession({
      subscribe: false,
      agent: { greeting: 'Welcome to the shop.', tools: [orderTool] },
      llm: [
        { toolCalls: [{ name: 'get_order_status', arguments: { order_id: '1234' } }] },
        { text: 'Order 1234 has shipped.' },
      ],
    });
    let wallMs = 1_000;
    const session = recordSession(t.session, { queue, workerId: 'w9', now: () => wallMs++ });
    const seen: string[] = [];
    session.subscribe((event) => seen.push(event.type));
    await t.clock.advanceUntil(() => seen.includes('turn.end'));
    session.sendText('where is order 1234?');
    await t.clock.advanceUntil(() => seen.filter((type) => type === 'metrics.turn').length === 2);
    await session.close();
    await queue.close();

    assert.ok(seen.includes('agent.audio'), 'the transport got the greeting audio replayed');
    const [summary] = await store.listConversations();
    assert.equal(summary?.id, session.id);
    assert.equal(summary?.workerId, 'w9');
    assert.equal(summary?.endReason, 'closed');
    const detail = await store.getConversation(session.id);
    assert.deepEqual(
      detail?.turns.map((turn) => [turn.userText, turn.agentText, turn.heardText, turn.completed]),
      [
        ['', 'Welcome to the shop.', 'Welcome to the shop.', true],
        ['where is order 1234?', 'Order 1234 has shipped.', 'Order 1234 has shipped.', true],
      ],
    );
    assert.deepEqual(
      detail?.turns[1]?.toolCalls.map((c) => [c.name, c.arguments, c.ok, c.result]),
      [['get_order_status', { order_id: '1234' }, true, { status: 'shipped' }]],
    );
    await store.close();
  });
});
