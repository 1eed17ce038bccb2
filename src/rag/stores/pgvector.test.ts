import { after } from 'node:test';
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
