import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { SupportStore } from './store.ts';

async function withStore(run: (dir: string) => void | Promise<void>): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'parley-support-'));
  try {
    await run(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

describe('support store', () => {
  it('seeds the sample orders once, however often it is opened', () =>
    withStore((dir) => {
      for (let i = 0; i < 2; i++) {
        const store = new SupportStore(dir);
        const { n } = store.db.prepare('SELECT COUNT(*) AS n FROM orders').get() as { n: number };
        assert.equal(n, 10);
        store.close();
      }
    }));

  it('keeps one refund per order and says when it already existed', () =>
    withStore((dir) => {
      const store = new SupportStore(dir);
      const order = store.order('1234')!;
      const first = store.refund(order, 'a');
      const second = store.refund(order, 'b');
      assert.equal(first.created, true);
      assert.equal(second.created, false);
      assert.equal(second.refund.refund_id, first.refund.refund_id);
      store.close();
    }));

  it('keeps one technician booking per conversation and order', () =>
    withStore((dir) => {
      const store = new SupportStore(dir);
      const slot = { day: 'Monday', window: 'morning' };
      const first = store.book('s1', '', slot);
      assert.equal(store.book('s1', '', slot).booking.booking_id, first.booking.booking_id);
      assert.notEqual(store.book('s2', '', slot).booking.booking_id, first.booking.booking_id);
      store.close();
    }));
});
