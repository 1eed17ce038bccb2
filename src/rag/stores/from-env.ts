import { join } from 'node:path';
import { ConfigError } from '../../spec/errors.ts';
import type { VectorStore } from '../../spec/retrieval.ts';
import { createPineconeStore } from './pinecone/store.ts';
import { createQdrantStore } from './qdrant/store.ts';
import { createSqliteVecStore } from './sqlite-vec.ts';

export type Env = Readonly<Record<string, string | undefined>>;

/** What a store is for: one agent's knowledge, or its semantic cache. */
export interface StorePurpose {
  readonly agentId: string;
  readonly kind: 'knowledge' | 'cache';
  readonly dimensions: number;
  /** The embedder's model name: stores keep one table or collection per embedder. */
  readonly embedderModel?: string;
}

/** Makes the store for a purpose; `undefined` means "the default" (the cache's in-memory store). */
export type VectorStoreFactory = (purpose: StorePurpose) => VectorStore | undefined;

export const VECTOR_STORE_KINDS = ['sqlite', 'qdrant', 'pinecone'] as const;

function need(env: Env, name: string): string {
  const value = env[name];
  if (value === undefined || value === '') {
    throw new ConfigError(
      `${name} is not set (needed for PARLEY_VECTOR_STORE=${env['PARLEY_VECTOR_STORE']})`,
    );
  }
  return value;
}

const safe = (text: string): string => text.replace(/[^A-Za-z0-9_]/g, '_');

/**
 * Where agents' vectors live, chosen by `PARLEY_VECTOR_STORE`:
 * - `sqlite` (default): knowledge in sqlite-vec under `dataDir`, caches in memory;
 * - `qdrant`: `QDRANT_URL`, optional `QDRANT_API_KEY`; one collection per agent and purpose,
 *   named `<QDRANT_COLLECTION_PREFIX, default parley>_<kind>_<agent>`;
 * - `pinecone`: `PINECONE_API_KEY`, `PINECONE_INDEX_HOST` (an existing cosine index of the
 *   embedder's dimension); one namespace per agent and purpose, `<kind>-<agent>`.
 * A missing variable fails at once with a ConfigError naming it.
 */
export function vectorStoresFromEnv(
  env: Env,
  options: { readonly dataDir: string },
): VectorStoreFactory {
  const kind = env['PARLEY_VECTOR_STORE'] ?? 'sqlite';
  switch (kind) {
    case 'sqlite':
      return ({ agentId, kind: purpose, dimensions, embedderModel }) =>
        purpose === 'cache'
          ? undefined
          : createSqliteVecStore({
              path: join(options.dataDir, 'knowledge.db'),
              dimensions,
              table: `knowledge_${safe(embedderModel === undefined ? agentId : `${agentId}_${embedderModel}`)}`,
            });
    case 'qdrant': {
      const url = need(env, 'QDRANT_URL');
      const apiKey = env['QDRANT_API_KEY'];
      const prefix = env['QDRANT_COLLECTION_PREFIX'] ?? 'parley';
      return ({ agentId, kind: purpose, dimensions, embedderModel }) =>
        createQdrantStore({
          url,
          ...(apiKey ? { apiKey } : {}),
          collection: safe(
            `${prefix}_${purpose}_${agentId}${embedderModel === undefined ? '' : `_${embedderModel}`}`,
          ),
          dimensions,
        });
    }
    case 'pinecone': {
      const apiKey = need(env, 'PINECONE_API_KEY');
      const indexHost = need(env, 'PINECONE_INDEX_HOST');
      return ({ agentId, kind: purpose, dimensions }) =>
        createPineconeStore({ apiKey, indexHost, namespace: `${purpose}-${agentId}`, dimensions });
    }
    default:
      throw new ConfigError(
        `PARLEY_VECTOR_STORE: unknown store "${kind}"; use one of ${VECTOR_STORE_KINDS.join(', ')}`,
      );
  }
}
