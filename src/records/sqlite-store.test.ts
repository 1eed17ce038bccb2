import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { loadMigrations } from './migrate.ts';
import { sqliteDriver } from './sqlite-driver.ts';
import { storeCases } from './store.case.ts';
import { openRecordStore } from './store.ts';

const dir = mkdtempSync(join(tmpdir(), 'parley-records-'));
after(() => rmSync(dir, { recursive: true, force: true }));

describe('SQLite record store', () => {
  storeCases('sqlite', () => openRecordStore(sqliteDriver(join(dir, 'records.db'))));

  test('opening the same file again applies no migration twice', async () => {
    const path = join(dir, 'twice.db');
    await (await openRecordStore(sqliteDriver(path))).close();
    const driver = sqliteDriver(path);
    const store = await openRecordStore(driver);
    const rows = await driver.query('SELECT version FROM parley_migrations');
    assert.equal(rows.length, (await loadMigrations()).length);
    await store.close();
  });
});
