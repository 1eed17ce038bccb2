/** A row as the engine returns it; values are normalised by `rows.ts`. */
export type SqlRow = Readonly<Record<string, unknown>>;
export type SqlValue = string | number | null;

/**
 * The little a record store needs from an SQL engine. Statements use `?` placeholders;
 * each driver maps them onto its own. One driver per engine (SQLite, PostgreSQL).
 */
export interface SqlDriver {
  readonly engine: 'sqlite' | 'postgres';
  query(sql: string, params?: readonly SqlValue[]): Promise<readonly SqlRow[]>;
  /** Runs `work` in one transaction; everything or nothing is written. */
  transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  /** Runs `work` while holding the store-wide migration lock (other processes wait). */
  withMigrationLock<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface SqlExecutor {
  query(sql: string, params?: readonly SqlValue[]): Promise<readonly SqlRow[]>;
  /** Several statements, no parameters (a migration file). */
  exec(sql: string): Promise<void>;
}

/** `?` → `$1, $2 …` for PostgreSQL (no `?` appears in our statements' strings). */
export function numberedPlaceholders(sql: string): string {
  let index = 0;
  return sql.replace(/\?/g, () => `$${++index}`);
}
