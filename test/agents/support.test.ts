import Database from 'better-sqlite3';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createSupportAgent, type SupportStore } from '../../src/agents/index.ts';
import { agentSession, synthesizeSpeech, tempDir } from './harness.ts';

describe('support agent: a scripted conversation through the full offline session', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let store: SupportStore;
  let talk: ReturnType<typeof agentSession>;

  before(async () => {
    dir = await tempDir();
    const support = createSupportAgent({ dataDir: dir.path, diagnosticStepMs: 150 });
    store = support.store;
    talk = agentSession(support.agent);
  });
  after(async () => {
    await talk.close();
    await store.close();
    await dir.remove();
  });

  /** Rows read from the store's SQLite file directly, not through the store. */
  const rows = <T>(sql: string, ...params: string[]): T[] => {
    const db = new Database(join(dir.path, 'support.sqlite'), { readonly: true });
    try {
      return db.prepare(sql).all(...params) as T[];
    } finally {
      db.close();
    }
  };

  it('asks for the order number when the customer asks where the order is', async () => {
    const turn = await talk.type('Where is my order? I have been waiting for days.');
    assert.deepEqual(turn.toolCalls, []);
    assert.match(turn.reply, /What is your order number\?/);
  });

  it('asks an anonymous caller for the postcode on the order before saying anything about it', async () => {
    const turn = await talk.type('It is 4 5 7 1.');
    assert.equal(turn.toolResults[0]?.ok, false);
    assert.match(turn.reply, /I need the postcode on order 4 5 7 1/);
    assert.doesNotMatch(turn.reply, /delayed|depot/);
  });

  it('checks the order with progress steps and a filler once the postcode is given', async () => {
    const noted = await talk.type('My postcode is 2 8 0 1 3.');
    assert.deepEqual(noted.toolCalls, [
      { name: 'verify_postcode', arguments: { postcode: '28013' } },
    ]);
    const turn = await talk.type('Can you check my order 4 5 7 1?');
    assert.deepEqual(turn.toolCalls, [
      { name: 'get_order_status', arguments: { order_id: '4571' } },
    ]);
    assert.deepEqual(turn.progress, [0, 0.25, 0.5, 0.75, 1]);
    assert.deepEqual(turn.fillers, ["I'm checking on your order now…"]);
    assert.match(turn.reply, /Order 4 5 7 1 is delayed\..*regional depot.*Does that help\?/);
  });

  it('persists a refund once, however many times it is asked for', async () => {
    const first = await talk.type('I want a refund for order 4571.');
    const second = await talk.type('Please refund order 4571.');
    assert.deepEqual(first.toolCalls, [
      { name: 'initiate_refund', arguments: { order_id: '4571' } },
    ]);
    const refunds = rows<{ refund_id: string; amount_cents: number }>(
      'SELECT * FROM refunds WHERE order_id = ?',
      '4571',
    );
    assert.equal(refunds.length, 1);
    assert.equal(refunds[0]?.amount_cents, 8900);
    assert.match(first.reply, new RegExp(`Done. Refund ${refunds[0]?.refund_id} for 89.00 euros`));
    assert.match(
      second.reply,
      new RegExp(`Refund ${refunds[0]?.refund_id} .* was already requested`),
    );
    assert.doesNotMatch(second.reply, /Done/);
  });

  it('refuses a refund for an order outside the refund window and offers a human', async () => {
    await talk.type('My postcode is 5 0 0 0 3.');
    const turn = await talk.type('I want my money back for order 5150.');
    assert.equal(turn.toolResults[0]?.ok, false);
    assert.match(turn.reply, /can't be refunded.*human colleague/);
    assert.equal(await store.refundFor('5150'), undefined);
  });

  it('books one technician visit per conversation', async () => {
    const first = await talk.type('My internet is not working, I need a technician.');
    await talk.type('Book a technician visit.');
    const bookings = rows<{ booking_id: string }>('SELECT * FROM bookings');
    assert.equal(bookings.length, 1);
    assert.match(first.reply, new RegExp(`booking is ${bookings[0]?.booking_id}`));
  });

  it('escalates to a human and files a ticket', async () => {
    const turn = await talk.type('Let me talk to a human.');
    const tickets = rows<{ ticket_id: string }>('SELECT * FROM tickets');
    assert.equal(tickets.length, 1);
    assert.match(turn.reply, new RegExp(`ticket is ${tickets[0]?.ticket_id}`));
  });

  it('understands a spoken order number through the real VAD and recogniser', async () => {
    await talk.type('My postcode is 0 8 0 0 1.');
    await talk.type('Can you check my order?');
    const speech = await synthesizeSpeech('my order number is one two three four', {
      kind: 'flite',
    });
    const turn = await talk.speak(speech);
    assert.match(turn.heard, /one two three four|1 2 3 4|1234/);
    assert.deepEqual(turn.toolCalls, [
      { name: 'get_order_status', arguments: { order_id: '1234' } },
    ]);
    assert.match(turn.reply, /Order 1 2 3 4 is shipped/);
  });
});
