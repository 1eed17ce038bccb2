import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { createMemoryVectorStore } from './memory.ts';
import { createSqliteVecStore } from './sqlite-vec.ts';
import { defineVectorStoreSuite } from './store-suite.ts';

const signal = new AbortController().signal;

defineVectorStoreSuite('sqlite-vec in memory', (dimensions) =>
  Promise.resolve({ store: createSqliteVecStore({ path: ':memory:', dimensions }) }),
);

defineVectorStoreSuite('memory', (dimensions) =>
  Promise.resolve({ store: createMemoryVectorStore({ dimensions }) }),
);

describe('createSqliteVecStore on disk', () => {
  it('keeps records across close and reopen', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'parley-vec-'));
    try {
      const path = join(dir, 'vectors.db');
      const first = createSqliteVecStore({ path, dimensions: 2 });
      await first.upsert(
        [{ id: 'a', vector: Float32Array.from([1, 0]), text: 'a', metadata: {} }],
        signal,
      );
      await first.close();
      const second = createSqliteVecStore({ path, dimensions: 2 });
      const matches = await second.query({ vector: Float32Array.from([1, 0]), topK: 1 }, signal);
      await second.close();
      assert.deepEqual(
        matches.map((m) => m.id),
        ['a'],
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('refuses a table name that is not a plain identifier', () => {
    assert.throws(
      () => createSqliteVecStore({ path: ':memory:', dimensions: 2, table: 'x; drop' }),
      {
        code: 'config',
      },
    );
  });
});
