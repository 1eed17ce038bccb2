import { fileURLToPath } from 'node:url';
import { listeningVocabulary } from '../src/listen/listening-vocabulary.ts';
import { CAFE_DIALOGUE } from '../src/agents/cafe/dialogue.ts';
import { CAFE_VOCABULARY } from '../src/agents/cafe/vocabulary.ts';
import { SUPPORT_DIALOGUE } from '../src/agents/support/dialogue.ts';
import { SUPPORT_VOCABULARY } from '../src/agents/support/vocabulary.ts';
import { TECHNICIAN_DIALOGUE } from '../src/agents/technician/dialogue.ts';
import { TECHNICIAN_VOCABULARY } from '../src/agents/technician/vocabulary.ts';
import { offlineEmbedderFor, sentenceEmbedderFor } from '../src/providers/local/embedder/index.ts';
import { buildIntentIndex } from '../src/providers/local/dialogue/intent-matcher.ts';
import type { DecideContext } from '../src/providers/local/dialogue/decision.ts';
import {
  createSemanticIndex,
  type SemanticIndex,
} from '../src/providers/local/dialogue/semantic-scores.ts';
import { createHybridRetriever, createLexicalIndex, ingestFolder } from '../src/rag/index.ts';
import { createSqliteVecStore } from '../src/rag/stores/sqlite-vec.ts';
import type { DialogueScript } from '../src/spec/dialogue.ts';
import type { Retriever } from '../src/spec/retrieval.ts';
import type { SttVocabulary } from '../src/spec/stt.ts';
import type { AgentId } from './requests.ts';

/** One agent as the offline stack runs it: script, vocabulary, embeddings, knowledge. */
export interface EvalAgent {
  readonly id: AgentId;
  readonly language: string;
  readonly vocabulary: SttVocabulary;
  readonly context: DecideContext;
  readonly semantic: SemanticIndex | undefined;
  readonly retriever: Retriever | undefined;
  close(): Promise<void>;
}

const KNOWLEDGE: Partial<Record<AgentId, string>> = {
  support: fileURLToPath(new URL('../src/agents/support/knowledge', import.meta.url)),
};

const SETUP: Record<
  AgentId,
  { script: DialogueScript; vocabulary: SttVocabulary; language: string }
> = {
  support: { script: SUPPORT_DIALOGUE, vocabulary: SUPPORT_VOCABULARY, language: 'en-US' },
  technician: { script: TECHNICIAN_DIALOGUE, vocabulary: TECHNICIAN_VOCABULARY, language: 'en-US' },
  cafe: { script: CAFE_DIALOGUE, vocabulary: CAFE_VOCABULARY, language: 'es-ES' },
};

/** Builds an agent's offline understanding exactly as a server session gets it. */
export async function loadEvalAgent(id: AgentId, signal: AbortSignal): Promise<EvalAgent> {
  const { script, language } = SETUP[id];
  // What a session gives the recogniser: the agent's vocabulary plus turn-taking's hints.
  const vocabulary = listeningVocabulary(SETUP[id].vocabulary, language) ?? SETUP[id].vocabulary;
  const embedder = sentenceEmbedderFor(language);
  const semantic =
    embedder === undefined ? undefined : createSemanticIndex(script.intents, embedder);
  const context: DecideContext = {
    script,
    index: buildIntentIndex(script.intents, semantic?.scorer),
    language,
  };
  const dir = KNOWLEDGE[id];
  if (dir === undefined) {
    return {
      id,
      language,
      vocabulary,
      context,
      semantic,
      retriever: undefined,
      close: async () => {},
    };
  }
  const knowledgeEmbedder = offlineEmbedderFor(language);
  const store = createSqliteVecStore({
    path: ':memory:',
    dimensions: knowledgeEmbedder.capabilities.dimensions,
  });
  const lexical = createLexicalIndex();
  await ingestFolder({ agentId: id, dir, embedder: knowledgeEmbedder, store, lexical, signal });
  const retriever = createHybridRetriever({
    agentId: id,
    embedder: knowledgeEmbedder,
    store,
    lexical,
  });
  return { id, language, vocabulary, context, semantic, retriever, close: () => store.close() };
}
