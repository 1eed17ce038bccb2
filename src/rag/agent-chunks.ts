import type { VectorMatch, VectorStore } from '../spec/retrieval.ts';
import type { LexicalIndex } from './lexical-index.ts';

/** More chunks than any one agent's knowledge base should hold. */
export const MAX_AGENT_CHUNKS = 100_000;

/**
 * Every knowledge chunk stored for an agent. The VectorStore interface has no
 * scan, so this is a filtered query with a zero vector (all scores 0).
 */
export async function listAgentChunks(
  store: VectorStore,
  agentId: string,
  signal: AbortSignal,
): Promise<VectorMatch[]> {
  return store.query(
    {
      vector: new Float32Array(store.dimensions),
      topK: MAX_AGENT_CHUNKS,
      filter: { agentId, kind: 'chunk' },
    },
    signal,
  );
}

/** Fills `index` with an agent's stored chunks: for a server that did not ingest this run. */
export async function loadLexicalIndex(
  index: LexicalIndex,
  store: VectorStore,
  agentId: string,
  signal: AbortSignal,
): Promise<number> {
  const chunks = await listAgentChunks(store, agentId, signal);
  index.upsert(
    chunks.map((chunk) => ({ id: chunk.id, source: sourceOf(chunk), text: chunk.text })),
  );
  return chunks.length;
}

export function sourceOf(match: Pick<VectorMatch, 'metadata' | 'id'>): string {
  const source = match.metadata['source'];
  return typeof source === 'string' ? source : match.id;
}
