import { ConfigError, ProviderError } from '../../../spec/errors.ts';
import type { Metadata, VectorMatch, VectorStore } from '../../../spec/retrieval.ts';
import { requestJson } from '../http-json.ts';
import {
  assertDimensions,
  assertFilterKeys,
  assertQueryDimensions,
  assertUsable,
} from '../store-checks.ts';
import { TEXT_KEY, toPineconeFilter } from './filter.ts';

export interface PineconeStoreOptions {
  readonly apiKey: string;
  /** The index's own host, e.g. `https://docs-abc123.svc.us-east-1.pinecone.io`. */
  readonly indexHost: string;
  /** Keeps one agent's records apart from another's. Default `__default__`. */
  readonly namespace?: string;
  readonly dimensions: number;
  /** Per request. Default 10 000. */
  readonly timeoutMs?: number;
}

/** The data-plane API version this adapter follows. */
export const PINECONE_API_VERSION = '2025-04';
// https://docs.pinecone.io/reference/api/database-limits
const MAX_UPSERT_BATCH = 1_000;
const MAX_DELETE_BATCH = 1_000;
const MAX_TOP_K = 10_000;

interface PineconeMatch {
  readonly id: string;
  readonly score: number;
  readonly metadata?: Record<string, unknown>;
}

/**
 * VectorStore on an existing Pinecone index's data plane
 * (https://docs.pinecone.io/reference/api/2025-04/data-plane): upsert in batches of at most
 * 1,000, query with an `$eq` metadata filter, delete by id, all within one namespace. The
 * first call checks the index's dimension with `describe_index_stats`. The index itself
 * (cosine metric) is made in Pinecone's console or control plane.
 */
export function createPineconeStore(options: PineconeStoreOptions): VectorStore {
  const { dimensions } = options;
  const namespace = options.namespace ?? '__default__';
  const host = options.indexHost.replace(/\/+$/, '');
  const base = /^https?:\/\//.test(host) ? host : `https://${host}`;
  let closed = false;
  let ready: Promise<void> | undefined;

  const call = (path: string, body: unknown, signal: AbortSignal): Promise<unknown> =>
    requestJson({
      provider: 'pinecone',
      method: 'POST',
      url: `${base}${path}`,
      headers: { 'api-key': options.apiKey, 'x-pinecone-api-version': PINECONE_API_VERSION },
      body,
      signal,
      timeoutMs: options.timeoutMs ?? 10_000,
    });
  const checkIndex = async (signal: AbortSignal): Promise<void> => {
    const stats = (await call('/describe_index_stats', {}, signal)) as { dimension?: number };
    if (stats.dimension !== dimensions) {
      throw new ConfigError(
        `pinecone index at ${base} holds ${stats.dimension}-d vectors; this store needs ${dimensions}`,
      );
    }
  };
  const prepare = (signal: AbortSignal): Promise<void> => {
    assertUsable(closed, signal, 'pinecone');
    ready ??= checkIndex(signal).catch((error: unknown) => {
      ready = undefined;
      throw error;
    });
    return ready;
  };

  return {
    name: 'pinecone',
    dimensions,
    async upsert(records, signal) {
      await prepare(signal);
      assertDimensions(records, dimensions);
      for (let start = 0; start < records.length; start += MAX_UPSERT_BATCH) {
        assertUsable(closed, signal, 'pinecone');
        const vectors = records.slice(start, start + MAX_UPSERT_BATCH).map((record) => ({
          id: record.id,
          values: Array.from(record.vector),
          metadata: { ...record.metadata, [TEXT_KEY]: record.text },
        }));
        await call('/vectors/upsert', { vectors, namespace }, signal);
      }
    },
    async query(query, signal) {
      await prepare(signal);
      assertQueryDimensions(query.vector, dimensions);
      assertFilterKeys(query.filter);
      const topK = Math.min(MAX_TOP_K, Math.max(0, Math.floor(query.topK)));
      if (topK === 0) return [];
      const filter = toPineconeFilter(query.filter);
      const answer = (await call(
        '/query',
        {
          namespace,
          vector: Array.from(query.vector),
          topK,
          includeMetadata: true,
          includeValues: false,
          ...(filter && { filter }),
        },
        signal,
      )) as { matches?: PineconeMatch[] };
      if (!Array.isArray(answer.matches)) {
        throw new ProviderError('pinecone: query answer has no matches', {
          provider: 'pinecone',
          retryable: false,
        });
      }
      return answer.matches.map(toMatch);
    },
    async delete(ids, signal) {
      await prepare(signal);
      for (let start = 0; start < ids.length; start += MAX_DELETE_BATCH) {
        await call(
          '/vectors/delete',
          { ids: ids.slice(start, start + MAX_DELETE_BATCH), namespace },
          signal,
        );
      }
    },
    close() {
      closed = true;
      return Promise.resolve();
    },
  };
}

function toMatch(match: PineconeMatch): VectorMatch {
  const { [TEXT_KEY]: text, ...rest } = match.metadata ?? {};
  return {
    id: match.id,
    score: match.score,
    text: typeof text === 'string' ? text : '',
    metadata: rest as Metadata,
  };
}
