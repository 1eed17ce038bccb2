import Database from 'better-sqlite3';
import { accessSync, constants, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, ToolError } from '../../spec/errors.ts';

export type AgentDatabase = Database.Database;

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

/** Opens (creating if needed) one agent's SQLite file under `dataDir`, in WAL mode. */
export function openAgentDatabase(dataDir: string, fileName: string): AgentDatabase {
  assertWritableDataDir(dataDir);
  const path = join(dataDir, fileName);
  let db: AgentDatabase;
  try {
    db = new Database(path);
    db.pragma('journal_mode = WAL');
  } catch (error) {
    throw new ConfigError(`cannot open the database ${path}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  db.pragma('busy_timeout = 2000');
  return db;
}

/** Opens the database on first use, so building an agent list touches no file. */
export function lazyDatabase(open: () => AgentDatabase): { get(): AgentDatabase; close(): void } {
  let db: AgentDatabase | undefined;
  return {
    get() {
      db ??= open();
      return db;
    },
    close() {
      db?.close();
      db = undefined;
    },
  };
}
