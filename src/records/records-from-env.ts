import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { postgresDriver } from './postgres-driver.ts';
import { sqliteDriver } from './sqlite-driver.ts';
import { openRecordStore, type RecordStore } from './store.ts';
import { WriteQueue } from './write-queue.ts';

export interface Records {
  readonly store: RecordStore;
  readonly queue: WriteQueue;
  /** Writes what is queued (until `signal` aborts), then closes the store. */
  close(signal?: AbortSignal): Promise<void>;
}

/**
 * The records of this process: PostgreSQL when `PARLEY_DATABASE_URL` is set (a cluster),
 * else SQLite in `<dataDir>/records.db` (one process, nothing to install).
 */
export async function recordsFromEnv(
  env: NodeJS.ProcessEnv,
  dataDir: string,
  onProblem: (message: string, error: unknown) => void,
): Promise<Records> {
  const url = env['PARLEY_DATABASE_URL'];
  let driver;
  if (url) {
    driver = postgresDriver({ connectionString: url, onProblem });
  } else {
    mkdirSync(dataDir, { recursive: true });
    driver = sqliteDriver(join(dataDir, 'records.db'));
  }
  const store = await openRecordStore(driver);
  const queue = new WriteQueue({ write: (batch) => store.write(batch), onProblem });
  return {
    store,
    queue,
    async close(signal) {
      await queue.close(signal);
      await store.close();
    },
  };
}
