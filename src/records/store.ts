import { RecordStoreError } from './errors.ts';
import { loadMigrations, migrate } from './migrate.ts';
import type {
  ConversationDetail,
  ConversationQuery,
  ConversationSummary,
  RecordWrite,
} from './model.ts';
import { listConversations, readConversation } from './read-sql.ts';
import type { SqlDriver } from './sql-driver.ts';
import { applyWrite } from './write-sql.ts';

/** Where conversation records live: the writer's sink and the call log's source. */
export interface RecordStore {
  readonly engine: SqlDriver['engine'];
  /** Writes a batch in one transaction, in order. Safe to replay (every write is an upsert). */
  write(batch: readonly RecordWrite[]): Promise<void>;
  listConversations(query?: ConversationQuery): Promise<ConversationSummary[]>;
  getConversation(id: string): Promise<ConversationDetail | undefined>;
  close(): Promise<void>;
}

/** Opens a store over `driver`, applying the repo's migrations first. */
export async function openRecordStore(driver: SqlDriver): Promise<RecordStore> {
  await migrate(driver, await loadMigrations());
  const wrap = async <T>(what: string, work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      throw new RecordStoreError(`${driver.engine} record store: ${what} failed`, { cause: error });
    }
  };
  return {
    engine: driver.engine,
    write: (batch) =>
      wrap(`writing ${batch.length} record(s)`, () =>
        driver.transaction(async (tx) => {
          for (const write of batch) await applyWrite(tx, write);
        }),
      ),
    listConversations: (query) =>
      wrap('listing conversations', () => listConversations(driver, query)),
    getConversation: (id) => wrap(`reading conversation ${id}`, () => readConversation(driver, id)),
    close: () => driver.close(),
  };
}
