import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { createSemanticCache } from '../cache/index.ts';
import { createLocalEmbedder, offlineEmbedderFor } from '../providers/local/embedder/index.ts';
import {
  createHybridRetriever,
  createLexicalIndex,
  createSqliteVecStore,
  ingestFolder,
} from '../rag/index.ts';
import type { SessionOptions } from '../session/types.ts';
import type { AgentDefinition } from '../spec/agent.ts';

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
  },
): Promise<AgentResources> {
  const signal = options.signal ?? new AbortController().signal;
  const embedder = createLocalEmbedder();
  await mkdir(options.dataDir, { recursive: true });
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
      const store = createSqliteVecStore({
        path: join(options.dataDir, 'knowledge.db'),
        dimensions: knowledgeEmbedder.capabilities.dimensions,
        // One table per embedder: vectors of another model (or size) never mix.
        table: `knowledge_${`${agent.id}_${knowledgeEmbedder.model}`.replace(/[^a-z0-9_]/gi, '_')}`,
      });
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
      const cache = createSemanticCache({
        agentId: agent.id,
        embedder,
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
