import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import pg from 'pg';
import type { PGlite } from '@electric-sql/pglite';
import { openPgliteWithVector } from './pglite.ts';
import { pgServerUnavailableReason, startTestPgServer, type TestPgServer } from './pg-server.ts';
import { createPgVectorStore } from './pgvector.ts';
import { defineVectorStoreSuite } from './store-suite.ts';

let pglite: PGlite | undefined;
let tableNumber = 0;

defineVectorStoreSuite('pgvector on PGlite', async (dimensions) => {
  pglite ??= await openPgliteWithVector();
  const db = pglite;
  const table = `vectors_${(tableNumber += 1)}`;
  return {
    store: createPgVectorStore({ db, dimensions, table }),
    dispose: async () => {
      await db.query(`DROP TABLE IF EXISTS ${table}`);
    },
  };
});

describe('createPgVectorStore with an HNSW index', () => {
  it('builds the index and still returns the nearest record', async () => {
    pglite ??= await openPgliteWithVector();
    const store = createPgVectorStore({
      db: pglite,
      dimensions: 3,
      table: 'vectors_hnsw',
      hnsw: true,
    });
    const signal = new AbortController().signal;
    await store.upsert(
      [
        { id: 'a', vector: Float32Array.from([1, 0, 0]), text: 'a', metadata: {} },
        { id: 'b', vector: Float32Array.from([0, 1, 0]), text: 'b', metadata: {} },
      ],
      signal,
    );
    const [match] = await store.query({ vector: Float32Array.from([0.1, 1, 0]), topK: 1 }, signal);
    const indexes = await pglite.query(
      `SELECT indexname FROM pg_indexes WHERE tablename = 'vectors_hnsw'`,
    );
    assert.equal(match?.id, 'b');
    assert.ok(JSON.stringify(indexes.rows).includes('vectors_hnsw_hnsw'));
    await store.close();
  });
});

after(async () => {
  await pglite?.close();
});

const externalUrl = process.env['PARLEY_TEST_PG_URL'];
const serverSkip = externalUrl ? undefined : pgServerUnavailableReason();
if (serverSkip) console.log(`# pgvector on a real PostgreSQL server skipped: ${serverSkip}`);
let server: TestPgServer | undefined;
let pool: pg.Pool | undefined;

defineVectorStoreSuite(
  'pgvector on a real PostgreSQL server',
  async (dimensions) => {
    if (!pool) {
      if (!externalUrl) server = await startTestPgServer();
      pool = new pg.Pool({ connectionString: externalUrl ?? server?.connectionString, max: 2 });
    }
    const db = pool;
    const table = `parley_test_vectors_${process.pid}_${(tableNumber += 1)}`;
    return {
      store: createPgVectorStore({ db, dimensions, table }),
      dispose: async () => {
        await db.query(`DROP TABLE IF EXISTS ${table}`);
      },
    };
  },
  serverSkip ? { skip: serverSkip } : {},
);

after(async () => {
  await pool?.end();
  await server?.stop();
});
