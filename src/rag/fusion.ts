/** Pure score fusion for hybrid retrieval: vector ranks and lexical ranks → one list. */

export interface RankedCandidate {
  readonly id: string;
  readonly score: number;
}

export type FusionMethod = 'weighted' | 'rrf';

export interface FusedCandidate {
  readonly id: string;
  /** Fused score in [0, 1] for `weighted`; small positive numbers for `rrf`. */
  readonly score: number;
}

/**
 * `weighted`: cosine clamped to [0, 1] and BM25 divided by the best BM25 of the
 * query, then `vectorWeight * v + (1 - vectorWeight) * l`.
 * `rrf`: reciprocal-rank fusion, `Σ weight / (k + rank)` with k = 60.
 */
export function fuseRankings(
  vector: readonly RankedCandidate[],
  lexical: readonly RankedCandidate[],
  method: FusionMethod,
  vectorWeight: number,
): FusedCandidate[] {
  const scores = new Map<string, number>();
  const add = (id: string, value: number): void => {
    scores.set(id, (scores.get(id) ?? 0) + value);
  };
  if (method === 'rrf') {
    vector.forEach((c, rank) => add(c.id, (2 * vectorWeight) / (60 + rank + 1)));
    lexical.forEach((c, rank) => add(c.id, (2 * (1 - vectorWeight)) / (60 + rank + 1)));
  } else {
    const bestLexical = Math.max(0, ...lexical.map((c) => c.score));
    for (const c of vector) add(c.id, vectorWeight * Math.max(0, Math.min(1, c.score)));
    for (const c of lexical) {
      add(c.id, bestLexical > 0 ? ((1 - vectorWeight) * c.score) / bestLexical : 0);
    }
  }
  return [...scores.entries()]
    .map(([id, score]) => ({ id, score }))
    .sort((a, b) => b.score - a.score || a.id.localeCompare(b.id));
}
