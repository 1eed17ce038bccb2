import assert from 'node:assert/strict';
import { it } from 'node:test';
import { createSemanticCache } from '../../cache/semantic-cache.ts';
import { createLocalEmbedder } from '../../providers/local/embedder/embedder.ts';
import type { VectorStore } from '../../spec/retrieval.ts';
import { createHybridRetriever } from '../hybrid-retriever.ts';
import { createLexicalIndex } from '../lexical-index.ts';

const signal = new AbortController().signal;
const DIMENSIONS = 256;
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

/**
 * The retriever and the semantic cache run unchanged on a vendor store: `makeStore` gives
 * a fresh, empty store of `dimensions` (256, the offline embedder's size).
 */
export function defineRetrievalOnStore(
  makeStore: (dimensions: number) => Promise<VectorStore>,
): void {
  const embedder = createLocalEmbedder({ dimensions: DIMENSIONS });

  it('serves the hybrid retriever its passages, best first', async () => {
    const store = await makeStore(DIMENSIONS);
    const vectors = await embedder.embed(
      chunks.map((c) => c.text),
      signal,
    );
    await store.upsert(
      chunks.map((c, i) => ({
        id: c.id,
        text: c.text,
        vector: vectors[i] ?? new Float32Array(DIMENSIONS),
        metadata: { agentId: 'kb', kind: 'chunk', source: c.source },
      })),
      signal,
    );
    const lexical = createLexicalIndex();
    lexical.upsert(chunks);
    const retriever = createHybridRetriever({ agentId: 'kb', embedder, store, lexical, topK: 2 });
    const [best] = await retriever.retrieve('when are refunds issued', signal);
    assert.equal(best?.source, 'refunds.md');
    await store.close();
  });

  it('holds the semantic cache: a paraphrase hits, another question misses, invalidation empties it', async () => {
    const store = await makeStore(DIMENSIONS);
    const cache = createSemanticCache({ agentId: 'kb', embedder, store, threshold: 0.7 });
    await cache.store(
      { question: 'When are refunds issued?', answer: 'Within 5 working days.', voiceKey: 'v' },
      signal,
    );
    const hit = await cache.lookup('when are refunds issued', 'v', signal);
    assert.equal(hit?.text, 'Within 5 working days.');
    assert.equal(await cache.lookup('How do I restart my router?', 'v', signal), undefined);
    await cache.invalidate(undefined, signal);
    assert.equal(await cache.lookup('when are refunds issued', 'v', signal), undefined);
    await cache.close();
    await store.close();
  });
}
