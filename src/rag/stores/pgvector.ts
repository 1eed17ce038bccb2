import type { Metadata, VectorMatch, VectorStore } from '../../spec/retrieval.ts';
import { ProviderError } from '../../spec/errors.ts';
import {
  assertDimensions,
  assertFilterKeys,
  assertQueryDimensions,
  assertSafeName,
  assertUsable,
  scoreFromDistance,
} from './store-checks.ts';

/** What the store needs from a database: `pg.Pool`, `pg.Client` and `PGlite` all fit. */
export interface SqlQueryable {
  query(sql: string, params?: unknown[]): Promise<{ rows: unknown[] }>;
}

export interface PgVectorStoreOptions {
  readonly db: SqlQueryable;
  readonly dimensions: number;
  /** Table name; default `parley_vectors`. */
  readonly table?: string;
  /** Build an HNSW index (approximate; filters are applied after the index scan). Default false: exact scan. */
  readonly hnsw?: boolean;
  /** Also close `db` (when it has `close()` or `end()`) on `close()`. Default false. */
  readonly ownsDb?: boolean;
}

interface Row {
  readonly id: string;
  readonly text: string;
  readonly metadata: Metadata | string;
  readonly distance: number | string | null;
}

/**
 * VectorStore on PostgreSQL + pgvector. The same SQL runs on a server through
 * `pg` and in process on PGlite with its pgvector extension. Filters use jsonb
 * containment (`metadata @> $filter`), so equality keeps JSON types.
 */
export function createPgVectorStore(options: PgVectorStoreOptions): VectorStore {
  const table = options.table ?? 'parley_vectors';
  assertSafeName(table, 'table name');
  const { db, dimensions } = options;
  let closed = false;
  let ready: Promise<void> | undefined;

  const sql = async (text: string, params?: unknown[]): Promise<unknown[]> => {
    try {
      return (await db.query(text, params)).rows;
    } catch (error) {
      throw new ProviderError(`pgvector query failed: ${(error as Error).message}`, {
        provider: 'pgvector',
        retryable: false,
        cause: error,
      });
    }
  };
  const init = async (): Promise<void> => {
    await sql('CREATE EXTENSION IF NOT EXISTS vector');
    await sql(
      `CREATE TABLE IF NOT EXISTS ${table} (id TEXT PRIMARY KEY, embedding vector(${dimensions}) NOT NULL,
         text TEXT NOT NULL, metadata JSONB NOT NULL)`,
    );
    if (options.hnsw) {
      await sql(
        `CREATE INDEX IF NOT EXISTS ${table}_hnsw ON ${table} USING hnsw (embedding vector_cosine_ops)`,
      );
    }
  };
  const prepare = (signal: AbortSignal): Promise<void> => {
    assertUsable(closed, signal, 'pgvector');
    ready ??= init().catch((error: unknown) => {
      ready = undefined;
      throw error;
    });
    return ready;
  };

  return {
    name: 'pgvector',
    dimensions,
    async upsert(records, signal) {
      await prepare(signal);
      assertDimensions(records, dimensions);
      for (const record of records) {
        assertUsable(closed, signal, 'pgvector');
        await sql(
          `INSERT INTO ${table} (id, embedding, text, metadata) VALUES ($1, $2::vector, $3, $4::jsonb)
           ON CONFLICT (id) DO UPDATE SET embedding = EXCLUDED.embedding, text = EXCLUDED.text,
             metadata = EXCLUDED.metadata`,
          [record.id, toVectorLiteral(record.vector), record.text, JSON.stringify(record.metadata)],
        );
      }
    },
    async query(query, signal) {
      await prepare(signal);
      assertQueryDimensions(query.vector, dimensions);
      assertFilterKeys(query.filter);
      const rows = (await sql(
        `SELECT id, text, metadata, NULLIF(embedding <=> $1::vector, 'NaN') AS distance FROM ${table}
         WHERE metadata @> $2::jsonb
         ORDER BY distance ASC NULLS LAST, id LIMIT $3`,
        [
          toVectorLiteral(query.vector),
          JSON.stringify(query.filter ?? {}),
          Math.max(0, Math.floor(query.topK)),
        ],
      )) as Row[];
      return rows.map(toMatch);
    },
    async delete(ids, signal) {
      await prepare(signal);
      if (ids.length === 0) return;
      await sql(`DELETE FROM ${table} WHERE id = ANY($1::text[])`, [ids]);
    },
    async close() {
      if (closed) return;
      closed = true;
      if (options.ownsDb) await closeDb(db);
    },
  };
}

function toVectorLiteral(vector: Float32Array): string {
  return `[${Array.from(vector, (value) => (Number.isFinite(value) ? value : 0)).join(',')}]`;
}

function toMatch(row: Row): VectorMatch {
  const metadata =
    typeof row.metadata === 'string' ? (JSON.parse(row.metadata) as Metadata) : row.metadata;
  return { id: row.id, text: row.text, metadata, score: scoreFromDistance(row.distance) };
}

async function closeDb(db: SqlQueryable): Promise<void> {
  const closable = db as { close?: () => Promise<void>; end?: () => Promise<void> };
  if (typeof closable.close === 'function') await closable.close();
  else if (typeof closable.end === 'function') await closable.end();
}
