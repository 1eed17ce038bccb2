import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createSemanticCache } from '../../src/cache/index.ts';
import { createLocalEmbedder } from '../../src/providers/local/embedder/index.ts';
import { createHybridRetriever, createLexicalIndex, ingestFolder } from '../../src/rag/index.ts';
import { createMemoryVectorStore } from '../../src/rag/stores/memory.ts';
import { scriptedSession } from '../../src/testing/session-harness.ts';
import type { AnyToolDefinition } from '../../src/spec/tool.ts';

const signal = new AbortController().signal;

async function supportRetriever() {
  const embedder = createLocalEmbedder();
  const store = createMemoryVectorStore({ dimensions: embedder.capabilities.dimensions });
  const lexical = createLexicalIndex();
  await ingestFolder({
    agentId: 'support',
    dir: 'src/agents/support/knowledge',
    embedder,
    store,
    lexical,
    signal,
  });
  return createHybridRetriever({ agentId: 'support', embedder, store, lexical });
}

describe('session with retrieval', () => {
  it('puts the retrieved passages, with sources, before the user message and reports them', async () => {
    const t = scriptedSession({
      retriever: await supportRetriever(),
      llm: { text: 'Refunds take a few days.' },
    });
    t.session.sendText('How long does a refund take to reach my card?');
    await t.clock.advanceUntil(() => t.first('turn.end') !== undefined);
    const retrieval = t.first('retrieval')!;
    assert.ok(retrieval.passages.length > 0);
    assert.ok(
      retrieval.passages.some((p) => /refund/i.test(p.source)),
      JSON.stringify(retrieval.passages.map((p) => p.source)),
    );
    const sent = t.llm.calls[0]!.messages;
    const context = sent.at(-2)!;
    assert.equal(context.role, 'system');
    assert.match(context.content, /^Knowledge passages:\n\[1\] \(/);
    assert.equal(sent.at(-1)!.content, 'How long does a refund take to reach my card?');
    assert.equal(typeof t.first('metrics.turn')!.metrics.retrievalMs, 'number');
    await t.session.close();
  });
});

describe('session with the semantic cache', () => {
  const makeCache = () =>
    createSemanticCache({ agentId: 'support', embedder: createLocalEmbedder() });

  it('serves a paraphrase from the cache without calling the LLM', async () => {
    const t = scriptedSession({
      cache: makeCache(),
      llm: { text: 'You can reset it from the login page.' },
    });
    t.session.sendText('How do I reset my password?');
    await t.clock.advanceUntil(() => t.of('turn.end').length === 1);
    await t.clock.advance(10); // let the store settle
    t.session.sendText('how can I reset my password');
    await t.clock.advanceUntil(() => t.of('turn.end').length === 2);
    assert.equal(t.llm.calls.length, 1, 'the second answer came from the cache');
    const [miss, hit] = t.of('metrics.turn').map((e) => e.metrics);
    assert.equal(miss!.cache?.hit, false);
    assert.equal(hit!.cache?.hit, true);
    assert.ok(hit!.cache.similarity >= 0.79);
    assert.equal(t.session.history.at(-1)!.content, 'You can reset it from the login page.');
    await t.session.close();
  });

  it('asks the LLM again for a different question', async () => {
    const t = scriptedSession({ cache: makeCache(), llm: { text: 'An answer.' } });
    t.session.sendText('How do I reset my password?');
    await t.clock.advanceUntil(() => t.of('turn.end').length === 1);
    t.session.sendText('When will the technician arrive?');
    await t.clock.advanceUntil(() => t.of('turn.end').length === 2);
    assert.equal(t.llm.calls.length, 2);
    await t.session.close();
  });

  it('never caches an answer that called a side-effecting tool', async () => {
    const refund: AnyToolDefinition = {
      name: 'initiate_refund',
      description: 'Refund an order',
      parameters: {
        type: 'object',
        properties: { order_id: { type: 'string' } },
        required: ['order_id'],
      },
      sideEffects: true,
      execute: () => Promise.resolve({ refunded: true }),
    };
    const t = scriptedSession({
      cache: makeCache(),
      agent: { tools: [refund] },
      llm: (call) =>
        call.messages.at(-1)!.role === 'tool'
          ? { text: 'Your refund is on its way.' }
          : { toolCalls: [{ name: 'initiate_refund', arguments: { order_id: '4571' } }] },
    });
    t.session.sendText('Please refund order 4571.');
    await t.clock.advanceUntil(() => t.of('turn.end').length === 1);
    t.session.sendText('Please refund order 4571.');
    await t.clock.advanceUntil(() => t.of('turn.end').length === 2);
    assert.equal(
      t.of('tool.call').length,
      2,
      'the refund ran again: nothing was served from the cache',
    );
    await t.session.close();
  });
});
