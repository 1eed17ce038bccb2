import type { Metadata, VectorRecord } from '../../spec/retrieval.ts';
import { AbortedError, ClosedError, ConfigError } from '../../spec/errors.ts';

/** Checks shared by every VectorStore implementation. */

const SAFE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function assertSafeName(name: string, what: string): void {
  if (!SAFE_NAME.test(name)) {
    throw new ConfigError(`${what} "${name}" must match ${SAFE_NAME.source}`);
  }
}

export function assertDimensions(records: readonly VectorRecord[], dimensions: number): void {
  for (const record of records) {
    if (record.vector.length !== dimensions) {
      throw new ConfigError(
        `record ${record.id} has ${record.vector.length} dimensions; the store holds ${dimensions}`,
      );
    }
  }
}

export function assertQueryDimensions(vector: Float32Array, dimensions: number): void {
  if (vector.length !== dimensions) {
    throw new ConfigError(`query has ${vector.length} dimensions; the store holds ${dimensions}`);
  }
}

export function assertFilterKeys(filter: Metadata | undefined): void {
  for (const key of Object.keys(filter ?? {})) assertSafeName(key, 'metadata filter key');
}

export function assertUsable(closed: boolean, signal: AbortSignal, storeName: string): void {
  if (closed) throw new ClosedError(`${storeName} store is closed`);
  if (signal.aborted) throw new AbortedError(`${storeName} call aborted`, { cause: signal.reason });
}

export function matchesFilter(metadata: Metadata, filter: Metadata | undefined): boolean {
  if (!filter) return true;
  return Object.entries(filter).every(([key, value]) => metadata[key] === value);
}

/** Cosine similarity of two vectors; 0 when either is all zeros. */
export function cosineSimilarity(a: Float32Array, b: Float32Array): number {
  let dot = 0;
  let normA = 0;
  let normB = 0;
  for (let i = 0; i < a.length; i += 1) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    dot += x * y;
    normA += x * x;
    normB += y * y;
  }
  if (normA === 0 || normB === 0) return 0;
  return dot / Math.sqrt(normA * normB);
}

/** Distance → similarity, with the undefined distance of a zero vector read as 0 similarity. */
export function scoreFromDistance(distance: unknown): number {
  const value = typeof distance === 'number' ? distance : Number(distance);
  if (distance === null || !Number.isFinite(value)) return 0;
  return Math.max(-1, Math.min(1, 1 - value));
}

/** Runs synchronous work and hands back its result or error as a promise. */
export function settle<T>(work: () => T): Promise<T> {
  try {
    return Promise.resolve(work());
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
}
