import { contentStems } from '../providers/local/embedder/text-features.ts';

export interface LexicalDocument {
  readonly id: string;
  readonly source: string;
  readonly text: string;
}

export interface LexicalHit extends LexicalDocument {
  /** BM25 score; only comparable within one query. */
  readonly score: number;
}

export interface LexicalIndex {
  readonly size: number;
  /** Adds or replaces documents by id. */
  upsert(documents: readonly LexicalDocument[]): void;
  remove(ids: readonly string[]): void;
  search(query: string, topK: number): LexicalHit[];
}

interface Entry {
  readonly document: LexicalDocument;
  readonly termCounts: ReadonlyMap<string, number>;
  readonly length: number;
}

/**
 * Okapi BM25 over the same folded, stop-worded, stemmed terms the local
 * embedder uses. In memory; rebuilt from the knowledge files or the store.
 */
export function createLexicalIndex(options: { k1?: number; b?: number } = {}): LexicalIndex {
  const k1 = options.k1 ?? 1.2;
  const b = options.b ?? 0.75;
  const entries = new Map<string, Entry>();
  const documentFrequency = new Map<string, number>();
  let totalLength = 0;

  const removeOne = (id: string): void => {
    const entry = entries.get(id);
    if (!entry) return;
    entries.delete(id);
    totalLength -= entry.length;
    for (const term of entry.termCounts.keys()) {
      const count = (documentFrequency.get(term) ?? 1) - 1;
      if (count > 0) documentFrequency.set(term, count);
      else documentFrequency.delete(term);
    }
  };

  return {
    get size() {
      return entries.size;
    },
    upsert(documents) {
      for (const document of documents) {
        removeOne(document.id);
        const terms = contentStems(document.text);
        const termCounts = new Map<string, number>();
        for (const term of terms) termCounts.set(term, (termCounts.get(term) ?? 0) + 1);
        for (const term of termCounts.keys()) {
          documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1);
        }
        entries.set(document.id, { document, termCounts, length: terms.length });
        totalLength += terms.length;
      }
    },
    remove(ids) {
      for (const id of ids) removeOne(id);
    },
    search(query, topK) {
      const queryTerms = [...new Set(contentStems(query))];
      const count = entries.size;
      if (count === 0 || queryTerms.length === 0) return [];
      const averageLength = totalLength / count || 1;
      const hits: LexicalHit[] = [];
      for (const entry of entries.values()) {
        let score = 0;
        for (const term of queryTerms) {
          const frequency = entry.termCounts.get(term);
          if (!frequency) continue;
          const df = documentFrequency.get(term) ?? 0;
          const idf = Math.log(1 + (count - df + 0.5) / (df + 0.5));
          const norm = frequency + k1 * (1 - b + (b * entry.length) / averageLength);
          score += (idf * frequency * (k1 + 1)) / norm;
        }
        if (score > 0) hits.push({ ...entry.document, score });
      }
      hits.sort((x, y) => y.score - x.score || x.id.localeCompare(y.id));
      return hits.slice(0, Math.max(0, topK));
    },
  };
}
