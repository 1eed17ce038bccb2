import Database from 'better-sqlite3';
import type { SqlDriver, SqlExecutor, SqlRow, SqlValue } from './sql-driver.ts';

/**
 * SQLite through better-sqlite3: the embedded default for one process. Calls are
 * synchronous underneath; batches are small, and WAL keeps readers off the writer's back.
 */
export function sqliteDriver(path: string): SqlDriver {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  const statements = new Map<string, Database.Statement>();

  const run = (sql: string, params: readonly SqlValue[] = []): readonly SqlRow[] => {
    let statement = statements.get(sql);
    if (!statement) {
      statement = db.prepare(sql);
      statements.set(sql, statement);
    }
    if (statement.reader) return statement.all(...params) as SqlRow[];
    statement.run(...params);
    return [];
  };
  const executor: SqlExecutor = {
    query: (sql, params) => Promise.resolve(run(sql, params)),
    exec: (sql) => {
      db.exec(sql);
      return Promise.resolve();
    },
  };
  /** One transaction at a time: the work is async in shape, so it is serialised here. */
  let tail: Promise<unknown> = Promise.resolve();
  const transaction = <T>(work: (tx: SqlExecutor) => Promise<T>, mode: string): Promise<T> => {
    const next = tail.then(async () => {
      db.exec(`BEGIN ${mode}`);
      try {
        const result = await work(executor);
        db.exec('COMMIT');
        return result;
      } catch (error) {
        db.exec('ROLLBACK');
        throw error;
      }
    });
    tail = next.catch(() => undefined);
    return next;
  };

  return {
    engine: 'sqlite',
    query: (sql, params) => tail.then(() => run(sql, params)),
    transaction: (work) => transaction(work, 'DEFERRED'),
    withMigrationLock: (work) => transaction(work, 'IMMEDIATE'),
    close: async () => {
      await tail;
      db.close();
    },
  };
}
