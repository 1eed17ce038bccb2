import { ConfigError, ProviderError } from '../../../spec/errors.ts';
import type { Metadata, VectorMatch, VectorStore } from '../../../spec/retrieval.ts';
import { requestJson, VendorHttpError } from '../http-json.ts';
import {
  assertDimensions,
  assertFilterKeys,
  assertQueryDimensions,
  assertSafeName,
  assertUsable,
} from '../store-checks.ts';
import { fieldSchemaOf, METADATA_KEY, toQdrantFilter, type QdrantFieldSchema } from './filter.ts';
import { pointIdFor } from './point-id.ts';

export interface QdrantStoreOptions {
  /** e.g. `http://localhost:6333` or a Qdrant Cloud cluster URL. */
  readonly url: string;
  /** Sent as the `api-key` header (Qdrant Cloud and secured servers). */
  readonly apiKey?: string;
  readonly collection: string;
  readonly dimensions: number;
  /** Per request. Default 10 000. */
  readonly timeoutMs?: number;
  /** Points per upsert request. Default 256. */
  readonly batchSize?: number;
}

interface ScoredPoint {
  readonly id: string | number;
  readonly score: number;
  readonly payload?: { parley_id?: string; text?: string; metadata?: Metadata } | null;
}

/**
 * VectorStore on Qdrant's REST API (https://api.qdrant.tech/api-reference): a cosine
 * collection created on first use, points upserted with `wait=true` so a query right
 * after sees them, `points/query` with payload filters, delete by point id. Filter keys
 * get a payload index before their first use, as Qdrant's strict mode requires.
 */
export function createQdrantStore(options: QdrantStoreOptions): VectorStore {
  assertSafeName(options.collection, 'collection name');
  const { dimensions } = options;
  const base = `${options.url.replace(/\/+$/, '')}/collections/${options.collection}`;
  const indexed = new Map<string, QdrantFieldSchema>();
  let closed = false;
  let ready: Promise<void> | undefined;

  const call = (
    method: 'GET' | 'POST' | 'PUT',
    path: string,
    signal: AbortSignal,
    body?: unknown,
  ): Promise<unknown> =>
    requestJson({
      provider: 'qdrant',
      method,
      url: `${base}${path}`,
      headers: options.apiKey === undefined ? {} : { 'api-key': options.apiKey },
      body,
      signal,
      timeoutMs: options.timeoutMs ?? 10_000,
    });

  const ensureCollection = async (signal: AbortSignal): Promise<void> => {
    let info: unknown;
    try {
      info = await call('GET', '', signal);
    } catch (error) {
      if (!(error instanceof VendorHttpError && error.statusCode === 404)) throw error;
      await call('PUT', '', signal, { vectors: { size: dimensions, distance: 'Cosine' } });
      return;
    }
    const vectors = (info as { result?: { config?: { params?: { vectors?: unknown } } } }).result
      ?.config?.params?.vectors as { size?: number; distance?: string } | undefined;
    if (vectors?.size !== dimensions || vectors.distance !== 'Cosine') {
      throw new ConfigError(
        `qdrant collection ${options.collection} holds ${vectors?.size}-d ${vectors?.distance} vectors; ` +
          `this store needs ${dimensions}-d Cosine`,
      );
    }
  };
  const prepare = (signal: AbortSignal): Promise<void> => {
    assertUsable(closed, signal, 'qdrant');
    ready ??= ensureCollection(signal).catch((error: unknown) => {
      ready = undefined;
      throw error;
    });
    return ready;
  };
  const ensureIndexes = async (
    filter: Metadata | undefined,
    signal: AbortSignal,
  ): Promise<void> => {
    for (const [name, value] of Object.entries(filter ?? {})) {
      const field = `${METADATA_KEY}.${name}`;
      const schema = fieldSchemaOf(value);
      if (indexed.get(field) === schema) continue;
      await call('PUT', '/index?wait=true', signal, { field_name: field, field_schema: schema });
      indexed.set(field, schema);
    }
  };

  return {
    name: 'qdrant',
    dimensions,
    async upsert(records, signal) {
      await prepare(signal);
      assertDimensions(records, dimensions);
      const batchSize = options.batchSize ?? 256;
      for (let start = 0; start < records.length; start += batchSize) {
        assertUsable(closed, signal, 'qdrant');
        const points = records.slice(start, start + batchSize).map((record) => ({
          id: pointIdFor(record.id),
          vector: Array.from(record.vector),
          payload: { parley_id: record.id, text: record.text, [METADATA_KEY]: record.metadata },
        }));
        await call('PUT', '/points?wait=true', signal, { points });
      }
    },
    async query(query, signal) {
      await prepare(signal);
      assertQueryDimensions(query.vector, dimensions);
      assertFilterKeys(query.filter);
      const limit = Math.max(0, Math.floor(query.topK));
      if (limit === 0) return [];
      await ensureIndexes(query.filter, signal);
      const filter = toQdrantFilter(query.filter);
      const answer = (await call('POST', '/points/query', signal, {
        query: Array.from(query.vector),
        limit,
        with_payload: true,
        ...(filter && { filter }),
      })) as { result?: { points?: ScoredPoint[] } };
      const points = answer.result?.points;
      if (!Array.isArray(points)) {
        throw new ProviderError('qdrant: query answer has no result.points', {
          provider: 'qdrant',
          retryable: false,
        });
      }
      return points.map(toMatch);
    },
    async delete(ids, signal) {
      await prepare(signal);
      if (ids.length === 0) return;
      await call('POST', '/points/delete?wait=true', signal, { points: ids.map(pointIdFor) });
    },
    close() {
      closed = true;
      return Promise.resolve();
    },
  };
}

function toMatch(point: ScoredPoint): VectorMatch {
  const payload = point.payload ?? {};
  return {
    id: payload.parley_id ?? String(point.id),
    score: point.score,
    text: payload.text ?? '',
    metadata: payload.metadata ?? {},
  };
}
