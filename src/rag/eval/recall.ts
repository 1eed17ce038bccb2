import type { Retriever } from '../../spec/retrieval.ts';
import type { EvalQuestion } from './questions.ts';

export interface RecallResult {
  readonly recall: number;
  readonly hits: number;
  readonly total: number;
  readonly misses: readonly { question: string; expected: string; got: readonly string[] }[];
}

/** recall@k: the share of questions whose expected file is among the first k passages. */
export async function measureRecall(
  questions: readonly EvalQuestion[],
  retrieverFor: (agentId: EvalQuestion['agentId']) => Retriever,
  signal: AbortSignal,
): Promise<RecallResult> {
  let hits = 0;
  const misses: { question: string; expected: string; got: string[] }[] = [];
  for (const q of questions) {
    const passages = await retrieverFor(q.agentId).retrieve(q.question, signal);
    const sources = passages.map((p) => p.source);
    if (sources.includes(q.expectedSource)) hits += 1;
    else misses.push({ question: q.question, expected: q.expectedSource, got: sources });
  }
  return { recall: hits / questions.length, hits, total: questions.length, misses };
}
