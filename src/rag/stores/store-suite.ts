import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { VectorRecord, VectorStore } from '../../spec/retrieval.ts';

/** Makes a fresh, empty store of `dimensions`; `dispose` frees whatever it opened. */
export type StoreFactory = (
  dimensions: number,
) => Promise<{ store: VectorStore; dispose?: () => Promise<void> }>;

const DIMENSIONS = 4;
const signal = new AbortController().signal;

function record(
  id: string,
  values: number[],
  metadata: VectorRecord['metadata'] = {},
): VectorRecord {
  return { id, vector: Float32Array.from(values), text: `text of ${id}`, metadata };
}

/**
 * The behaviour every VectorStore must show. Each implementation's test file
 * calls this with its own factory (skip it with `options.skip` and a reason).
 */
export function defineVectorStoreSuite(
  name: string,
  factory: StoreFactory,
  options: { skip?: string } = {},
): void {
  describe(`VectorStore contract: ${name}`, { skip: options.skip ?? false }, () => {
    let store: VectorStore;
    let dispose: (() => Promise<void>) | undefined;
    const fresh = async (): Promise<VectorStore> => {
      if (store) await store.close();
      if (dispose) await dispose();
      ({ store, dispose } = await factory(DIMENSIONS));
      return store;
    };
    before(fresh);
    after(async () => {
      await store.close();
      if (dispose) await dispose();
    });

    it('returns the nearest records first with cosine scores', async () => {
      const s = await fresh();
      await s.upsert(
        [record('a', [1, 0, 0, 0]), record('b', [0, 1, 0, 0]), record('c', [-1, 0, 0, 0])],
        signal,
      );
      const matches = await s.query({ vector: Float32Array.from([2, 0.1, 0, 0]), topK: 3 }, signal);
      assert.deepEqual(
        matches.map((m) => m.id),
        ['a', 'b', 'c'],
      );
      assert.ok(Math.abs((matches[0]?.score ?? 0) - 0.99875) < 1e-3);
      assert.ok(Math.abs((matches[2]?.score ?? 0) + 0.99875) < 1e-3);
    });

    it('returns the text and metadata that were stored', async () => {
      const s = await fresh();
      const metadata = { source: 'pump.md', index: 3, draft: false };
      await s.upsert([record('a', [1, 0, 0, 0], metadata)], signal);
      const [match] = await s.query({ vector: Float32Array.from([1, 0, 0, 0]), topK: 1 }, signal);
      assert.equal(match?.text, 'text of a');
      assert.deepEqual(match?.metadata, metadata);
    });

    it('limits the result to topK', async () => {
      const s = await fresh();
      await s.upsert(
        [record('a', [1, 0, 0, 0]), record('b', [1, 1, 0, 0]), record('c', [1, 1, 1, 0])],
        signal,
      );
      const matches = await s.query({ vector: Float32Array.from([1, 0, 0, 0]), topK: 2 }, signal);
      assert.deepEqual(
        matches.map((m) => m.id),
        ['a', 'b'],
      );
    });

    it('replaces a record upserted again under the same id', async () => {
      const s = await fresh();
      await s.upsert([record('a', [1, 0, 0, 0], { v: 1 })], signal);
      await s.upsert([{ ...record('a', [0, 1, 0, 0], { v: 2 }), text: 'new text' }], signal);
      const matches = await s.query({ vector: Float32Array.from([0, 1, 0, 0]), topK: 5 }, signal);
      assert.equal(matches.length, 1);
      assert.equal(matches[0]?.text, 'new text');
      assert.deepEqual(matches[0]?.metadata, { v: 2 });
      assert.ok((matches[0]?.score ?? 0) > 0.999);
    });

    it('deletes records by id and ignores unknown ids', async () => {
      const s = await fresh();
      await s.upsert([record('a', [1, 0, 0, 0]), record('b', [0, 1, 0, 0])], signal);
      await s.delete(['a', 'missing'], signal);
      const matches = await s.query({ vector: Float32Array.from([1, 0, 0, 0]), topK: 5 }, signal);
      assert.deepEqual(
        matches.map((m) => m.id),
        ['b'],
      );
    });

    it('filters on metadata equality for strings, numbers and booleans', async () => {
      const s = await fresh();
      await s.upsert(
        [
          record('a', [1, 0, 0, 0], { agent: 'support', level: 1, live: true }),
          record('b', [1, 0, 0, 0], { agent: 'technician', level: 1, live: true }),
          record('c', [1, 0, 0, 0], { agent: 'support', level: 2, live: false }),
        ],
        signal,
      );
      const query = async (filter: VectorRecord['metadata']): Promise<string[]> =>
        (await s.query({ vector: Float32Array.from([1, 0, 0, 0]), topK: 5, filter }, signal))
          .map((m) => m.id)
          .sort();
      assert.deepEqual(await query({ agent: 'support' }), ['a', 'c']);
      assert.deepEqual(await query({ agent: 'support', level: 1 }), ['a']);
      assert.deepEqual(await query({ live: false }), ['c']);
      assert.deepEqual(await query({ agent: 'nobody' }), []);
    });

    it('rejects records whose vector length differs from the store', async () => {
      const s = await fresh();
      await assert.rejects(s.upsert([record('a', [1, 0, 0])], signal), { code: 'config' });
    });

    it('rejects work when the signal has aborted', async () => {
      const s = await fresh();
      const controller = new AbortController();
      controller.abort();
      await assert.rejects(
        s.query({ vector: Float32Array.from([1, 0, 0, 0]), topK: 1 }, controller.signal),
        { code: 'aborted' },
      );
    });

    it('rejects work after close', async () => {
      const s = await fresh();
      await s.close();
      await assert.rejects(s.upsert([record('a', [1, 0, 0, 0])], signal), { code: 'closed' });
    });
  });
}
