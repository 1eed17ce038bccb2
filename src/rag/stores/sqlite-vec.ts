import type BetterSqlite3 from 'better-sqlite3';
import { createRequire } from 'node:module';
import { ConfigError } from '../../spec/errors.ts';
import type { Metadata, VectorMatch, VectorStore } from '../../spec/retrieval.ts';
import {
  assertDimensions,
  assertFilterKeys,
  assertQueryDimensions,
  assertSafeName,
  assertUsable,
  scoreFromDistance,
  settle,
} from './store-checks.ts';

const requireHere = createRequire(import.meta.url);

/**
 * better-sqlite3 and sqlite-vec are optional peers, loaded when a store is opened, never at
 * import: a deployment with another vector store (or none) runs without them.
 */
function sqliteModules(): {
  Database: typeof BetterSqlite3;
  loadSqliteVec: (typeof import('sqlite-vec'))['load'];
} {
  try {
    return {
      Database: requireHere('better-sqlite3') as typeof BetterSqlite3,
      loadSqliteVec: (requireHere('sqlite-vec') as typeof import('sqlite-vec')).load,
    };
  } catch (error) {
    if ((error as NodeJS.ErrnoException | undefined)?.code !== 'MODULE_NOT_FOUND') throw error;
    throw new ConfigError(
      'the sqlite-vec vector store needs the optional packages better-sqlite3 and sqlite-vec (npm install better-sqlite3 sqlite-vec), or another PARLEY_VECTOR_STORE',
      { cause: error },
    );
  }
}

export interface SqliteVecStoreOptions {
  /** A file path, or ':memory:'. */
  readonly path: string;
  readonly dimensions: number;
  /** Table name; default `parley_vectors`. */
  readonly table?: string;
}

interface Row {
  readonly id: string;
  readonly text: string;
  readonly metadata: string;
  readonly distance: number | null;
}

/**
 * VectorStore on better-sqlite3 with sqlite-vec's `vec_distance_cosine`: an
 * exact scan (a few ms for 10k chunks), metadata equality filters through
 * `json_extract`. One process owns the file; WAL mode lets readers share it.
 */
export function createSqliteVecStore(options: SqliteVecStoreOptions): VectorStore {
  const table = options.table ?? 'parley_vectors';
  assertSafeName(table, 'table name');
  const { dimensions } = options;
  const { Database, loadSqliteVec } = sqliteModules();
  const db = new Database(options.path);
  loadSqliteVec(db);
  if (options.path !== ':memory:') db.pragma('journal_mode = WAL');
  db.exec(
    `CREATE TABLE IF NOT EXISTS ${table} (
       id TEXT PRIMARY KEY, embedding BLOB NOT NULL, text TEXT NOT NULL, metadata TEXT NOT NULL)`,
  );
  const upsertRow = db.prepare(
    `INSERT INTO ${table} (id, embedding, text, metadata) VALUES (?, ?, ?, ?)
     ON CONFLICT(id) DO UPDATE SET embedding = excluded.embedding, text = excluded.text,
       metadata = excluded.metadata`,
  );
  const deleteRow = db.prepare(`DELETE FROM ${table} WHERE id = ?`);
  const upsertMany = db.transaction((rows: readonly [string, Buffer, string, string][]) => {
    for (const row of rows) upsertRow.run(...row);
  });
  const deleteMany = db.transaction((ids: readonly string[]) => {
    for (const id of ids) deleteRow.run(id);
  });
  let closed = false;

  return {
    name: 'sqlite-vec',
    dimensions,
    upsert(records, signal) {
      return settle(() => {
        assertUsable(closed, signal, 'sqlite-vec');
        assertDimensions(records, dimensions);
        upsertMany(
          records.map((r) => [r.id, toBlob(r.vector), r.text, JSON.stringify(r.metadata)] as const),
        );
      });
    },
    query(query, signal) {
      return settle(() => {
        assertUsable(closed, signal, 'sqlite-vec');
        assertQueryDimensions(query.vector, dimensions);
        assertFilterKeys(query.filter);
        const filters = Object.entries(query.filter ?? {});
        const where = filters.map(() => 'json_extract(metadata, ?) = ?').join(' AND ');
        const sql = `SELECT id, text, metadata, vec_distance_cosine(embedding, ?) AS distance
          FROM ${table} ${where ? `WHERE ${where}` : ''}
          ORDER BY distance IS NULL, distance, id LIMIT ?`;
        const params: unknown[] = [toBlob(query.vector)];
        for (const [key, value] of filters) params.push(`$.${key}`, toSqlValue(value));
        params.push(Math.max(0, Math.floor(query.topK)));
        const rows = db.prepare(sql).all(...params) as Row[];
        return rows.map(toMatch);
      });
    },
    delete(ids, signal) {
      return settle(() => {
        assertUsable(closed, signal, 'sqlite-vec');
        deleteMany(ids);
      });
    },
    close() {
      if (!closed) {
        closed = true;
        db.close();
      }
      return Promise.resolve();
    },
  };
}

function toBlob(vector: Float32Array): Buffer {
  return Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength);
}

function toSqlValue(value: string | number | boolean): string | number {
  if (typeof value === 'boolean') return value ? 1 : 0;
  return value;
}

function toMatch(row: Row): VectorMatch {
  return {
    id: row.id,
    text: row.text,
    metadata: JSON.parse(row.metadata) as Metadata,
    score: scoreFromDistance(row.distance),
  };
}
