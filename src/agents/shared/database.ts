import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

export type AgentDatabase = Database.Database;

/** Opens (creating if needed) one agent's SQLite file under `dataDir`, in WAL mode. */
export function openAgentDatabase(dataDir: string, fileName: string): AgentDatabase {
  mkdirSync(dataDir, { recursive: true });
  const db = new Database(join(dataDir, fileName));
  db.pragma('journal_mode = WAL');
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
