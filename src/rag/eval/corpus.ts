import { fileURLToPath } from 'node:url';
import { createLocalEmbedder } from '../../providers/local/embedder/embedder.ts';
import type { Embedder, Retriever, VectorStore } from '../../spec/retrieval.ts';
import { createHybridRetriever, type HybridRetrieverOptions } from '../hybrid-retriever.ts';
import { ingestFolder } from '../ingest.ts';
import { createLexicalIndex, type LexicalIndex } from '../lexical-index.ts';
import { createSqliteVecStore } from '../stores/sqlite-vec.ts';
import type { EvalQuestion } from './questions.ts';

export const KNOWLEDGE_DIRS: Record<EvalQuestion['agentId'], string> = {
  technician: fileURLToPath(new URL('../../agents/technician/knowledge', import.meta.url)),
  support: fileURLToPath(new URL('../../agents/support/knowledge', import.meta.url)),
};

export interface EvalCorpus {
  readonly embedder: Embedder;
  readonly store: VectorStore;
  readonly lexical: Record<EvalQuestion['agentId'], LexicalIndex>;
  retrieverFor(
    settings: Omit<HybridRetrieverOptions, 'agentId' | 'embedder' | 'store' | 'lexical'> & {
      readonly useLexical: boolean;
    },
  ): (agentId: EvalQuestion['agentId']) => Retriever;
  close(): Promise<void>;
}

/** Both agents' knowledge ingested into one in-memory sqlite-vec store with the local embedder. */
export async function loadEvalCorpus(signal: AbortSignal): Promise<EvalCorpus> {
  const embedder = createLocalEmbedder();
  const store = createSqliteVecStore({
    path: ':memory:',
    dimensions: embedder.capabilities.dimensions,
  });
  const lexical = { technician: createLexicalIndex(), support: createLexicalIndex() };
  for (const agentId of ['technician', 'support'] as const) {
    await ingestFolder({
      agentId,
      dir: KNOWLEDGE_DIRS[agentId],
      embedder,
      store,
      lexical: lexical[agentId],
      signal,
    });
  }
  return {
    embedder,
    store,
    lexical,
    retrieverFor:
      ({ useLexical, ...settings }) =>
      (agentId) =>
        createHybridRetriever({
          ...settings,
          agentId,
          embedder,
          store,
          ...(useLexical ? { lexical: lexical[agentId] } : {}),
        }),
    close: () => store.close(),
  };
}
