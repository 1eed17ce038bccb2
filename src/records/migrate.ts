import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { RecordStoreError } from './errors.ts';
import type { SqlDriver } from './sql-driver.ts';

export const MIGRATIONS_DIR = join(import.meta.dirname, 'migrations');

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

/** The migration files, `NNN_name.sql`, in version order. */
export async function loadMigrations(dir = MIGRATIONS_DIR): Promise<readonly Migration[]> {
  const files = (await readdir(dir)).filter((f) => /^\d+_[\w-]+\.sql$/.test(f)).sort();
  return Promise.all(
    files.map(async (file) => ({
      version: Number(file.slice(0, file.indexOf('_'))),
      name: file.slice(file.indexOf('_') + 1, -'.sql'.length),
      sql: await readFile(join(dir, file), 'utf8'),
    })),
  );
}

/**
 * Applies the migrations not applied yet, in one transaction, under a lock so
 * workers starting together migrate once. Returns the versions applied now.
 * `table` keeps the applied versions: one per schema (records, each agent's data).
 */
export async function migrate(
  driver: SqlDriver,
  migrations: readonly Migration[],
  table = 'parley_migrations',
): Promise<number[]> {
  if (!/^[a-z_][a-z0-9_]*$/.test(table))
    throw new RecordStoreError(`"${table}" is not a plain table name for migrations`);
  try {
    return await driver.withMigrationLock(async (tx) => {
      await tx.exec(
        `CREATE TABLE IF NOT EXISTS ${table} (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at_ms BIGINT NOT NULL)`,
      );
      const rows = await tx.query(`SELECT version FROM ${table}`);
      const done = new Set(rows.map((row) => Number(row['version'])));
      const applied: number[] = [];
      for (const migration of migrations) {
        if (done.has(migration.version)) continue;
        await tx.exec(migration.sql);
        await tx.query(`INSERT INTO ${table} (version, name, applied_at_ms) VALUES (?, ?, ?)`, [
          migration.version,
          migration.name,
          Date.now(),
        ]);
        applied.push(migration.version);
      }
      return applied;
    });
  } catch (error) {
    throw new RecordStoreError(`migration of ${table} failed: ${String(error)}`, { cause: error });
  }
}
