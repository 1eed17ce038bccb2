import type { PGlite } from '@electric-sql/pglite';

/**
 * An in-process Postgres with pgvector loaded: pass it to createPgVectorStore.
 * `dataDir` persists to disk; omit it for memory only. Close it when done.
 * PGlite is an optional peer dependency, imported only when this is called.
 */
export async function openPgliteWithVector(dataDir?: string): Promise<PGlite> {
  const [{ PGlite }, { vector }] = await Promise.all([
    import('@electric-sql/pglite'),
    import('@electric-sql/pglite-pgvector'),
  ]);
  const db = await PGlite.create({ ...(dataDir ? { dataDir } : {}), extensions: { vector } });
  await db.exec('CREATE EXTENSION IF NOT EXISTS vector');
  return db;
}
