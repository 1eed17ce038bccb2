/**
 * Prints recall@3 of vector-only, lexical-only and hybrid retrieval on the
 * evaluation set: `node --import tsx src/rag/eval/run.ts`.
 */
import { loadEvalCorpus } from './corpus.ts';
import { EVAL_QUESTIONS } from './questions.ts';
import { measureRecall } from './recall.ts';

const signal = new AbortController().signal;
const corpus = await loadEvalCorpus(signal);
const variants = [
  { label: 'vector only', settings: { useLexical: false } },
  { label: 'lexical only (BM25)', settings: { useLexical: true, vectorWeight: 0 } },
  ...[0.3, 0.5, 0.7].map((w) => ({
    label: `hybrid weighted, vectorWeight ${w}`,
    settings: { useLexical: true, vectorWeight: w, fusion: 'weighted' as const },
  })),
  {
    label: 'hybrid rrf, equal weights',
    settings: { useLexical: true, vectorWeight: 0.5, fusion: 'rrf' as const },
  },
];
for (const { label, settings } of variants) {
  const started = performance.now();
  const result = await measureRecall(
    EVAL_QUESTIONS,
    corpus.retrieverFor({ ...settings, topK: 3 }),
    signal,
  );
  const msPerQuery = (performance.now() - started) / result.total;
  const top1 = await measureRecall(
    EVAL_QUESTIONS,
    corpus.retrieverFor({ ...settings, topK: 1 }),
    signal,
  );
  console.log(
    `${label.padEnd(36)} recall@3 ${result.recall.toFixed(3)} (${result.hits}/${result.total}), ` +
      `recall@1 ${top1.recall.toFixed(3)}, ${msPerQuery.toFixed(2)} ms/query`,
  );
  for (const miss of result.misses) {
    console.log(
      `    miss: "${miss.question}" expected ${miss.expected}, got ${miss.got.join(', ')}`,
    );
  }
}
await corpus.close();
