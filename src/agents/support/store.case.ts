import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { SupportStore } from './store.ts';

/** One database, reachable by as many stores as a test opens (each one a worker). */
export interface SupportStoreFixture {
  /** A new store on the same database: another worker, or this one restarted. */
  readonly open: () => SupportStore;
  /** Rows in `table`, read with the engine directly (not through the store). */
  readonly count: (
    table: string,
    where?: { readonly column: string; readonly value: string },
  ) => Promise<number>;
}

/** The support store's contract, run against SQLite and PostgreSQL alike. */
export function supportStoreCases(engine: string, fixture: () => SupportStoreFixture): void {
  it(`${engine}: seeds the sample orders once, however often and by however many workers it is opened`, async () => {
    const { open, count } = fixture();
    for (let round = 0; round < 2; round++) {
      const stores = [open(), open(), open()];
      await Promise.all(stores.map((store) => store.order('4571')));
      assert.equal(await count('orders'), 10);
      await Promise.all(stores.map((store) => store.close()));
    }
  });

  it(`${engine}: reads an order with its owner, postcode and total`, async () => {
    const store = fixture().open();
    const order = await store.order('4571');
    assert.deepEqual(
      order && [order.customer_id, order.postcode, order.total_cents, order.refund_block],
      ['C-1001', '28013', 8900, ''],
    );
    assert.equal(await store.order('0000'), undefined);
    await store.close();
  });

  it(`${engine}: keeps one refund per order and says when it already existed`, async () => {
    const store = fixture().open();
    const order = (await store.order('1234'))!;
    const first = await store.refund(order, 'a');
    const second = await store.refund(order, 'b');
    assert.equal(first.created, true);
    assert.equal(second.created, false);
    assert.equal(second.refund.refund_id, first.refund.refund_id);
    assert.deepEqual(await store.refundFor('1234'), first.refund);
    await store.close();
  });

  it(`${engine}: refunds an order exactly once when two workers refund it at the same moment`, async () => {
    const { open, count } = fixture();
    const workers = [open(), open()];
    const order = (await workers[0]!.order('7788'))!;
    await workers[1]!.order('7788'); // both connected before the race
    const attempts = await Promise.all(
      Array.from({ length: 16 }, (_, i) => workers[i % 2]!.refund(order, `race-${i}`)),
    );
    assert.equal(attempts.filter((a) => a.created).length, 1);
    assert.equal(new Set(attempts.map((a) => a.refund.refund_id)).size, 1);
    assert.equal(await count('refunds', { column: 'order_id', value: '7788' }), 1);
    await Promise.all(workers.map((store) => store.close()));
  });

  it(`${engine}: keeps one technician booking per conversation and order`, async () => {
    const store = fixture().open();
    const slot = { day: 'Monday', window: 'morning' };
    const first = await store.book('s1', '', slot);
    const again = await store.book('s1', '', slot);
    assert.equal(again.created, false);
    assert.deepEqual(again.booking, first.booking);
    assert.notEqual(
      (await store.book('s2', '', slot)).booking.booking_id,
      first.booking.booking_id,
    );
    await store.close();
  });

  it(`${engine}: counts every wrong postcode, from any worker, and keeps the last one given`, async () => {
    const { open } = fixture();
    const workers = [open(), open()];
    await workers[0]!.claimPostcode('s-pc', '08001');
    await Promise.all(
      Array.from({ length: 10 }, (_, i) => workers[i % 2]!.recordFailedCheck('s-pc')),
    );
    await workers[1]!.claimPostcode('s-pc', '28013');
    assert.deepEqual(await workers[0]!.callerCheck('s-pc'), { postcode: '28013', failures: 10 });
    assert.deepEqual(await workers[0]!.callerCheck('nobody'), { postcode: '', failures: 0 });
    await Promise.all(workers.map((store) => store.close()));
  });

  it(`${engine}: opens an escalation ticket per request`, async () => {
    const { open, count } = fixture();
    const store = open();
    const ticket = await store.openTicket('s-t', 'wants a person');
    assert.match(ticket.ticket_id, /^H-/);
    assert.equal(await count('tickets', { column: 'session_id', value: 's-t' }), 1);
    await store.close();
  });
}
