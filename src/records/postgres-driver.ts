import pg from 'pg';
import {
  numberedPlaceholders,
  type SqlDriver,
  type SqlExecutor,
  type SqlRow,
} from './sql-driver.ts';

/** Any number fixed for the migration advisory lock: "parl" in ASCII. */
const MIGRATION_LOCK_KEY = 0x7061726c;

export interface PostgresDriverOptions {
  /** `postgres://user@host:port/db`. */
  readonly connectionString: string;
  /** Pool size per process. Default 4: writes are batched, so few connections are needed. */
  readonly maxConnections?: number;
  readonly onProblem?: (message: string, error: unknown) => void;
}

/** PostgreSQL through a `pg` pool. */
export function postgresDriver(options: PostgresDriverOptions): SqlDriver {
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.maxConnections ?? 4,
    connectionTimeoutMillis: 5_000,
  });
  // An idle client losing its server must not crash the process; the next query reconnects.
  pool.on('error', (error) => options.onProblem?.('postgres pool client failed', error));

  const executorFor = (client: pg.PoolClient): SqlExecutor => ({
    query: async (sql, params = []) =>
      (await client.query(numberedPlaceholders(sql), [...params])).rows as SqlRow[],
    exec: async (sql) => {
      await client.query(sql);
    },
  });
  const transaction = async <T>(
    work: (tx: SqlExecutor) => Promise<T>,
    locked: boolean,
  ): Promise<T> => {
    const client = await pool.connect();
    let failure: Error | undefined;
    try {
      await client.query('BEGIN');
      if (locked) await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
      const result = await work(executorFor(client));
      await client.query('COMMIT');
      return result;
    } catch (error) {
      failure = error instanceof Error ? error : new Error(String(error));
      await client.query('ROLLBACK').catch((rollbackError: unknown) => {
        options.onProblem?.('postgres rollback failed', rollbackError);
      });
      throw error;
    } finally {
      // A client whose transaction failed may have lost its connection: discard it.
      client.release(failure);
    }
  };

  return {
    engine: 'postgres',
    query: async (sql, params = []) =>
      (await pool.query(numberedPlaceholders(sql), [...params])).rows as SqlRow[],
    transaction: (work) => transaction(work, false),
    withMigrationLock: (work) => transaction(work, true),
    close: () => pool.end(),
  };
}
