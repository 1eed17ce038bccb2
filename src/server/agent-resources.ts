import { mkdir } from 'node:fs/promises';
import { createSemanticCache } from '../cache/index.ts';
import { createLocalEmbedder, offlineEmbedderFor } from '../providers/local/embedder/index.ts';
import { createHybridRetriever, createLexicalIndex, ingestFolder } from '../rag/index.ts';
import { vectorStoresFromEnv, type VectorStoreFactory } from '../rag/stores/from-env.ts';
import type { SessionOptions } from '../conversation/types.ts';
import type { AgentDefinition } from '../spec/agent.ts';
import { ConfigError } from '../spec/errors.ts';

export interface AgentResources {
  /** Retriever and cache for an agent's sessions (absent when the agent has none). */
  sessionOptionsFor(agent: AgentDefinition): Partial<Pick<SessionOptions, 'retriever' | 'cache'>>;
  close(): Promise<void>;
}

/**
 * What agents share across sessions: each agent's knowledge, ingested at start
 * (in place: unchanged chunks are not embedded again) into sqlite-vec under
 * `dataDir`, with a hybrid retriever; and a semantic cache for agents that ask
 * for one (`agent.cache`).
 */
export async function loadAgentResources(
  agents: readonly AgentDefinition[],
  options: {
    readonly dataDir: string;
    readonly signal?: AbortSignal;
    readonly log?: (line: string) => void;
    /** Where vectors live; default sqlite-vec under `dataDir` (see PARLEY_VECTOR_STORE). */
    readonly vectorStores?: VectorStoreFactory;
  },
): Promise<AgentResources> {
  const signal = options.signal ?? new AbortController().signal;
  const embedder = createLocalEmbedder();
  await mkdir(options.dataDir, { recursive: true });
  const storeFor = options.vectorStores ?? vectorStoresFromEnv({}, { dataDir: options.dataDir });
  const dimensions = embedder.capabilities.dimensions;
  const closables: { close(): Promise<void> }[] = [];
  const byAgent = new Map<string, Partial<Pick<SessionOptions, 'retriever' | 'cache'>>>();

  for (const agent of agents) {
    // Retrieval: the USE-lite encoder for English (recall@1 0.90 vs 0.85 hybrid, src/rag/eval),
    // hashed features otherwise; the cache stays on hashed features (src/cache/thresholds.ts).
    const knowledgeEmbedder = offlineEmbedderFor(agent.language);
    const entry: {
      -readonly [K in keyof Pick<SessionOptions, 'retriever' | 'cache'>]?: SessionOptions[K];
    } = {};
    if (agent.knowledgeDir) {
      // One collection/table per embedder: vectors of another model (or size) never mix.
      const store = storeFor({
        agentId: agent.id,
        kind: 'knowledge',
        dimensions: knowledgeEmbedder.capabilities.dimensions,
        embedderModel: knowledgeEmbedder.model,
      });
      if (!store) throw new ConfigError(`no vector store for ${agent.id}'s knowledge`);
      closables.push(store);
      const lexical = createLexicalIndex();
      const counts = await ingestFolder({
        agentId: agent.id,
        dir: agent.knowledgeDir,
        embedder: knowledgeEmbedder,
        store,
        lexical,
        signal,
      });
      options.log?.(
        `parley: ${agent.id} knowledge: ${counts.chunks} chunks from ${counts.files} files (${counts.embedded} embedded)`,
      );
      entry.retriever = createHybridRetriever({
        agentId: agent.id,
        embedder: knowledgeEmbedder,
        store,
        lexical,
      });
    }
    if (agent.cache) {
      const cacheStore = storeFor({ agentId: agent.id, kind: 'cache', dimensions });
      if (cacheStore) closables.push(cacheStore);
      const cache = createSemanticCache({
        agentId: agent.id,
        embedder,
        ...(cacheStore && { store: cacheStore }),
        ...(agent.cache.threshold !== undefined && { threshold: agent.cache.threshold }),
        ...(agent.cache.ttlMs !== undefined && { ttlMs: agent.cache.ttlMs }),
      });
      closables.push(cache);
      entry.cache = cache;
    }
    byAgent.set(agent.id, entry);
  }

  return {
    sessionOptionsFor: (agent) => byAgent.get(agent.id) ?? {},
    async close() {
      await Promise.all(closables.map((c) => c.close()));
    },
  };
}
