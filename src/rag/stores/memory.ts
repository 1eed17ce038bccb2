import type { VectorMatch, VectorRecord, VectorStore } from '../../spec/retrieval.ts';
import {
  assertDimensions,
  assertQueryDimensions,
  assertUsable,
  cosineSimilarity,
  matchesFilter,
  settle as run,
} from './store-checks.ts';

/** Exact, in-process VectorStore over a Map. For tests, caches and small corpora. */
export function createMemoryVectorStore(options: { dimensions: number }): VectorStore {
  const { dimensions } = options;
  const records = new Map<string, VectorRecord>();
  let closed = false;
  return {
    name: 'memory',
    dimensions,
    upsert(batch, signal) {
      return run(() => {
        assertUsable(closed, signal, 'memory');
        assertDimensions(batch, dimensions);
        for (const record of batch) {
          records.set(record.id, { ...record, vector: Float32Array.from(record.vector) });
        }
      });
    },
    query(query, signal) {
      return run(() => {
        assertUsable(closed, signal, 'memory');
        assertQueryDimensions(query.vector, dimensions);
        const matches: VectorMatch[] = [];
        for (const record of records.values()) {
          if (!matchesFilter(record.metadata, query.filter)) continue;
          const score = cosineSimilarity(query.vector, record.vector);
          matches.push({ id: record.id, score, text: record.text, metadata: record.metadata });
        }
        matches.sort((a, b) => b.score - a.score || a.id.localeCompare(b.id));
        return matches.slice(0, Math.max(0, query.topK));
      });
    },
    delete(ids, signal) {
      return run(() => {
        assertUsable(closed, signal, 'memory');
        for (const id of ids) records.delete(id);
      });
    },
    close() {
      closed = true;
      records.clear();
      return Promise.resolve();
    },
  };
}
