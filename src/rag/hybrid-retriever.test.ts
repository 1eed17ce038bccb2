import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createLocalEmbedder } from '../providers/local/embedder/embedder.ts';
import { createHybridRetriever } from './hybrid-retriever.ts';
import { createLexicalIndex } from './lexical-index.ts';
import { retrieveForTurn } from './retrieve-for-turn.ts';
import { createMemoryVectorStore } from './stores/memory.ts';

const signal = new AbortController().signal;
const embedder = createLocalEmbedder({ dimensions: 256 });
const chunks = [
  {
    id: 'kb:refunds.md#0',
    source: 'refunds.md',
    text: 'Refunds are issued within 5 working days.',
  },
  {
    id: 'kb:billing.md#0',
    source: 'billing.md',
    text: 'Bills are due 14 days after the bill date.',
  },
  {
    id: 'kb:outages.md#0',
    source: 'outages.md',
    text: 'Restart the router when the internet is down.',
  },
];

async function setUp() {
  const store = createMemoryVectorStore({ dimensions: 256 });
  const vectors = await embedder.embed(
    chunks.map((c) => c.text),
    signal,
  );
  await store.upsert(
    chunks.map((c, i) => ({
      id: c.id,
      text: c.text,
      vector: vectors[i] ?? new Float32Array(256),
      metadata: { agentId: 'kb', kind: 'chunk', source: c.source },
    })),
    signal,
  );
  const lexical = createLexicalIndex();
  lexical.upsert(chunks);
  return { store, lexical };
}

describe('createHybridRetriever', () => {
  it('returns at most topK passages, best first, with their sources', async () => {
    const { store, lexical } = await setUp();
    const retriever = createHybridRetriever({ agentId: 'kb', embedder, store, lexical, topK: 2 });
    const passages = await retriever.retrieve('when are refunds issued', signal);
    assert.equal(passages.length <= 2, true);
    assert.equal(passages[0]?.source, 'refunds.md');
    assert.ok((passages[0]?.score ?? 0) >= (passages[1]?.score ?? 0));
  });

  it('drops passages scoring under minScore', async () => {
    const { store, lexical } = await setUp();
    const retriever = createHybridRetriever({
      agentId: 'kb',
      embedder,
      store,
      lexical,
      minScore: 0.99,
    });
    assert.deepEqual(await retriever.retrieve('router internet', signal), []);
  });

  it('retrieves by vectors alone when no lexical index is given', async () => {
    const { store } = await setUp();
    const retriever = createHybridRetriever({ agentId: 'kb', embedder, store, topK: 1 });
    const [passage] = await retriever.retrieve('my internet is down', signal);
    assert.equal(passage?.source, 'outages.md');
  });

  it('times the retrieval and formats the prompt for the turn', async () => {
    const { store, lexical } = await setUp();
    const retriever = createHybridRetriever({ agentId: 'kb', embedder, store, lexical, topK: 1 });
    let tick = 100;
    const result = await retrieveForTurn(retriever, 'refunds', signal, () => (tick += 7));
    assert.equal(result.retrievalMs, 7);
    assert.ok(result.prompt.startsWith('Knowledge passages:\n[1] (refunds.md) '));
  });
});
