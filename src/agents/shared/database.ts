import { accessSync, constants, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { type Migration, migrate } from '../../records/migrate.ts';
import { postgresDriver } from '../../records/postgres-driver.ts';
import type { SqlDriver } from '../../records/sql-driver.ts';
import { sqliteDriver } from '../../records/sqlite-driver.ts';
import { ConfigError, ToolError } from '../../spec/errors.ts';

/**
 * The agent's storage could not be reached (unwritable, locked, corrupt …). Tools turn it
 * into this error so the agent says it cannot reach the system, never "not found".
 */
export class StorageUnavailableError extends ToolError {
  constructor(toolName: string, options: { readonly cause?: unknown } = {}) {
    super(
      "I can't reach our system right now, so I can't look that up. Please try again in a few minutes.",
      toolName,
      options,
    );
    this.name = 'StorageUnavailableError';
  }
}

/**
 * Checks, at start, that `dataDir` exists (creating it) and is writable; throws a
 * ConfigError naming the path instead of a later SQLITE_CANTOPEN.
 */
export function assertWritableDataDir(dataDir: string): void {
  try {
    mkdirSync(dataDir, { recursive: true });
    accessSync(dataDir, constants.W_OK | constants.X_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new ConfigError(
      `the data directory ${dataDir} is not writable (${code}); set PARLEY_DATA_DIR to a writable folder`,
      { cause: error },
    );
  }
}

/**
 * Where an agent keeps its business data: a data directory (SQLite files, one process or
 * workers on one machine) or a PostgreSQL URL (a cluster; every worker sees the same rows).
 */
export type AgentStorage =
  string | { readonly postgresUrl: string; readonly maxConnections?: number };

/**
 * The agents' storage in this environment: PostgreSQL at `PARLEY_AGENTS_DATABASE_URL`, else at
 * `PARLEY_DATABASE_URL` (the cluster's records database), else SQLite files in `dataDir`.
 */
export function agentStorageFromEnv(env: NodeJS.ProcessEnv, dataDir: string): AgentStorage {
  const url = env['PARLEY_AGENTS_DATABASE_URL'] || env['PARLEY_DATABASE_URL'];
  return url ? { postgresUrl: url } : dataDir;
}

/**
 * Opens an agent's SQL database and applies its migrations (`table` keeps their versions).
 * SQLite: `fileName` under the data directory, checked writable first. PostgreSQL: a small pool.
 */
export async function openAgentSql(
  storage: AgentStorage,
  fileName: string,
  migrations: readonly Migration[],
  table: string,
): Promise<SqlDriver> {
  let driver: SqlDriver;
  if (typeof storage === 'string') {
    assertWritableDataDir(storage);
    driver = sharedSqlite(resolve(storage, fileName));
  } else {
    driver = postgresDriver({
      connectionString: storage.postgresUrl,
      maxConnections: storage.maxConnections ?? 4,
    });
  }
  try {
    await migrate(driver, migrations, table);
  } catch (error) {
    await driver.close();
    throw error;
  }
  return driver;
}

/** Open SQLite files of this process, each with its users. */
const sqliteFiles = new Map<string, { readonly driver: SqlDriver; users: number }>();

/**
 * One connection per SQLite file in a process, shared by every store on it. better-sqlite3
 * blocks the thread while it waits for a lock, so two connections of one process on one
 * file would wait on each other's open transaction until the busy timeout; sharing one driver
 * serialises their transactions instead. Other processes on the file wait their turn as usual.
 */
function sharedSqlite(path: string): SqlDriver {
  let file = sqliteFiles.get(path);
  if (!file) {
    let driver: SqlDriver;
    try {
      driver = sqliteDriver(path);
    } catch (error) {
      throw new ConfigError(`cannot open the database ${path}: ${(error as Error).message}`, {
        cause: error,
      });
    }
    file = { driver, users: 0 };
    sqliteFiles.set(path, file);
  }
  const shared = file;
  shared.users++;
  let closed = false;
  return {
    ...shared.driver,
    async close() {
      if (closed) return;
      closed = true;
      if (--shared.users > 0) return;
      sqliteFiles.delete(path);
      await shared.driver.close();
    },
  };
}

/**
 * Opens the database on first use, so building an agent list touches no file or server; an
 * open that failed is tried again on the next use (the database may be back).
 */
export function lazySql(open: () => Promise<SqlDriver>): {
  get(): Promise<SqlDriver>;
  close(): Promise<void>;
} {
  let opening: Promise<SqlDriver> | undefined;
  return {
    get() {
      opening ??= open().catch((error: unknown) => {
        opening = undefined;
        throw error;
      });
      return opening;
    },
    async close() {
      const current = opening;
      opening = undefined;
      // An open that failed was reported to the use that started it; it holds nothing to close.
      const driver = await current?.then(
        (opened) => opened,
        () => undefined,
      );
      await driver?.close();
    },
  };
}
