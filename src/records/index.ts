export type {
  ConversationDetail,
  ConversationEnd,
  ConversationQuery,
  ConversationStart,
  ConversationSummary,
  ErrorRecord,
  RecordWrite,
  ToolCallRecord,
  TurnRecord,
} from './model.ts';
export { RecordStoreError } from './errors.ts';
export { openRecordStore, type RecordStore } from './store.ts';
export { sqliteDriver } from './sqlite-driver.ts';
export { postgresDriver, type PostgresDriverOptions } from './postgres-driver.ts';
export { loadMigrations, migrate, MIGRATIONS_DIR } from './migrate.ts';
export { median } from './read-sql.ts';
export { SessionRecorder } from './session-recorder.ts';
export { WriteQueue, type WriteQueueOptions } from './write-queue.ts';
export {
  recordSession,
  type RecordedSession,
  type RecordSessionOptions,
} from './recorded-session.ts';
export { recordsFromEnv, type Records } from './records-from-env.ts';
export { heardAndUnheard } from './heard.ts';
