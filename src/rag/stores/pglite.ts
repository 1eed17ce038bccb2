import { PGlite } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite-pgvector';

/**
 * An in-process Postgres with pgvector loaded: pass it to createPgVectorStore.
 * `dataDir` persists to disk; omit it for memory only. Close it when done.
 */
export async function openPgliteWithVector(dataDir?: string): Promise<PGlite> {
  const db = await PGlite.create({ ...(dataDir ? { dataDir } : {}), extensions: { vector } });
  await db.exec('CREATE EXTENSION IF NOT EXISTS vector');
  return db;
}
