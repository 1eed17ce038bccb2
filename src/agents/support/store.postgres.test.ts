import { after, before, describe } from 'node:test';
import pg from 'pg';
import { startPostgres, type LocalServer } from '../../testing/local-servers.ts';
import { supportStoreCases } from './store.case.ts';
import { SupportStore } from './store.ts';

describe('support store on PostgreSQL (a real server started for the test)', () => {
  let server: LocalServer;
  before(async () => {
    server = await startPostgres();
  });
  after(async () => {
    await server.stop();
  });
  supportStoreCases('postgres', () => ({
    open: () => new SupportStore({ postgresUrl: server.url }),
    count: async (table, where) => {
      const client = new pg.Client({ connectionString: server.url });
      await client.connect();
      try {
        const sql = `SELECT COUNT(*) AS n FROM ${table}${where ? ` WHERE ${where.column} = $1` : ''}`;
        const result = await client.query<{ n: string }>(sql, where ? [where.value] : []);
        return Number(result.rows[0]?.n ?? 0);
      } finally {
        await client.end();
      }
    },
  }));
});
