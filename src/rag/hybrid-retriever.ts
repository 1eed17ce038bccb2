import type { Embedder, RetrievedPassage, Retriever, VectorStore } from '../spec/retrieval.ts';
import { sourceOf } from './agent-chunks.ts';
import { fuseRankings, type FusionMethod } from './fusion.ts';
import type { LexicalIndex } from './lexical-index.ts';

export interface HybridRetrieverOptions {
  readonly agentId: string;
  readonly embedder: Embedder;
  readonly store: VectorStore;
  /** BM25 over the same chunks; without it retrieval is vector-only. */
  readonly lexical?: LexicalIndex;
  /** Passages returned; default 3. */
  readonly topK?: number;
  /** Share of the vector score in the fused score, 0..1; default 0.5. 0 = lexical only. */
  readonly vectorWeight?: number;
  /** Fused passages scoring below this are dropped; default 0. */
  readonly minScore?: number;
  /** Default `weighted` (measured best on the evaluation set; see eval/). */
  readonly fusion?: FusionMethod;
  /** Candidates taken from each side before fusion; default 4 × topK. */
  readonly candidates?: number;
}

/** Vector search plus BM25, fused, filtered to the agent's chunks. */
export function createHybridRetriever(options: HybridRetrieverOptions): Retriever {
  const { agentId, embedder, store, lexical } = options;
  const topK = options.topK ?? 3;
  const vectorWeight = lexical ? (options.vectorWeight ?? 0.5) : 1;
  const minScore = options.minScore ?? 0;
  const candidates = options.candidates ?? topK * 4;
  return {
    async retrieve(query, signal) {
      const passages = new Map<string, Omit<RetrievedPassage, 'score'>>();
      let vectorHits: { id: string; score: number }[] = [];
      if (vectorWeight > 0) {
        const [vector] = await embedder.embed([query], signal);
        if (vector) {
          const matches = await store.query(
            { vector, topK: candidates, filter: { agentId, kind: 'chunk' } },
            signal,
          );
          for (const m of matches)
            passages.set(m.id, { id: m.id, source: sourceOf(m), text: m.text });
          vectorHits = matches.map((m) => ({ id: m.id, score: m.score }));
        }
      }
      const lexicalHits = lexical && vectorWeight < 1 ? lexical.search(query, candidates) : [];
      for (const hit of lexicalHits) {
        if (!passages.has(hit.id))
          passages.set(hit.id, { id: hit.id, source: hit.source, text: hit.text });
      }
      const fused = fuseRankings(
        vectorHits,
        lexicalHits,
        options.fusion ?? 'weighted',
        vectorWeight,
      );
      const result: RetrievedPassage[] = [];
      for (const candidate of fused) {
        if (result.length >= topK || candidate.score < minScore) break;
        const passage = passages.get(candidate.id);
        if (passage && candidate.score > 0) result.push({ ...passage, score: candidate.score });
      }
      return result;
    },
  };
}
