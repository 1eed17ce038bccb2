import Database from 'better-sqlite3';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe } from 'node:test';
import { supportStoreCases } from './store.case.ts';
import { SupportStore } from './store.ts';

describe('support store on SQLite (a data directory)', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'parley-support-'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  supportStoreCases('sqlite', () => ({
    open: () => new SupportStore(dir),
    count: (table, where) => {
      const db = new Database(join(dir, 'support.sqlite'), { readonly: true });
      try {
        const sql = `SELECT COUNT(*) AS n FROM ${table}${where ? ` WHERE ${where.column} = ?` : ''}`;
        const row = db.prepare(sql).get(...(where ? [where.value] : [])) as { n: number };
        return Promise.resolve(row.n);
      } finally {
        db.close();
      }
    },
  }));
});
