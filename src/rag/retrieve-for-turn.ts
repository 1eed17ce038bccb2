import type { RetrievedPassage, Retriever } from '../spec/retrieval.ts';
import { formatPassagesForPrompt } from '../text/passages.ts';

export interface TurnRetrieval {
  readonly passages: readonly RetrievedPassage[];
  /** The system message to add before the LLM call; '' when nothing was found. */
  readonly prompt: string;
  /** Wall time of the retrieval, for `TurnMetrics.retrievalMs`. */
  readonly retrievalMs: number;
}

/** What the session does before the LLM answers: retrieve, time it, format the passages. */
export async function retrieveForTurn(
  retriever: Retriever,
  query: string,
  signal: AbortSignal,
  now: () => number = () => performance.now(),
): Promise<TurnRetrieval> {
  const startedMs = now();
  const passages = await retriever.retrieve(query, signal);
  return { passages, prompt: formatPassagesForPrompt(passages), retrievalMs: now() - startedMs };
}
