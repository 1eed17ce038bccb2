import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createLocalEmbedder } from '../providers/local/embedder/embedder.ts';
import { createSqliteVecStore } from '../rag/stores/sqlite-vec.ts';
import { createSemanticCache, type SemanticCache } from './semantic-cache.ts';
import { shouldCache, type ToolCallMade } from './should-cache.ts';

const signal = new AbortController().signal;
const embedder = createLocalEmbedder();
const voice = 'espeak:en-us@175';
const audio = { sampleRate: 22050, samples: Int16Array.from([1, 2, 3]) };

/** A turn as the session runs it: cache first, else the LLM, then store when allowed. */
function makeTurn(
  cache: SemanticCache,
  reply: (q: string) => { text: string; tools: ToolCallMade[] },
) {
  let llmCalls = 0;
  return {
    get llmCalls() {
      return llmCalls;
    },
    async answer(question: string): Promise<string> {
      const hit = await cache.lookup(question, voice, signal);
      if (hit) return hit.text;
      llmCalls += 1;
      const { text, tools } = reply(question);
      if (shouldCache(tools))
        await cache.store({ question, answer: text, voiceKey: voice }, signal);
      return text;
    },
  };
}

const faq = (question: string): { text: string; tools: ToolCallMade[] } => ({
  text: `answer to ${question}`,
  tools: [],
});

describe('createSemanticCache', () => {
  it('serves a repeated question without calling the LLM', async () => {
    const cache = createSemanticCache({ agentId: 'support', embedder });
    const turn = makeTurn(cache, faq);
    const first = await turn.answer('How long does a refund take?');
    const second = await turn.answer('How long does a refund take?');
    assert.equal(second, first);
    assert.equal(turn.llmCalls, 1);
    await cache.close();
  });

  it('hits on a reworded question with fillers', async () => {
    const cache = createSemanticCache({ agentId: 'support', embedder });
    await cache.store(
      { question: 'How can I track my order?', answer: 'Use the tracking link.', voiceKey: voice },
      signal,
    );
    const hit = await cache.lookup('um, how do I track the order', voice, signal);
    assert.equal(hit?.text, 'Use the tracking link.');
    assert.ok((hit?.similarity ?? 0) >= cache.threshold);
    await cache.close();
  });

  it('misses a different question on the same topic and reports its similarity', async () => {
    const cache = createSemanticCache({ agentId: 'support', embedder });
    await cache.store(
      { question: 'How can I track my order?', answer: 'Use the tracking link.', voiceKey: voice },
      signal,
    );
    const result = await cache.lookupScored('How can I cancel my order?', voice, signal);
    assert.equal(result.answer, undefined);
    assert.ok(result.similarity > 0 && result.similarity < cache.threshold);
    await cache.close();
  });

  it('misses a question of another kind even when the words match', async () => {
    const cache = createSemanticCache({ agentId: 'support', embedder });
    await cache.store(
      { question: 'When is my bill due?', answer: 'On the 15th.', voiceKey: voice },
      signal,
    );
    assert.equal(await cache.lookup('Why is my bill due?', voice, signal), undefined);
    await cache.close();
  });

  it('does not cache a turn that called a side-effecting tool', async () => {
    const cache = createSemanticCache({ agentId: 'support', embedder });
    const turn = makeTurn(cache, () => ({
      text: 'Your refund has been issued.',
      tools: [{ name: 'issue_refund', sideEffects: true }],
    }));
    await turn.answer('Please refund my last invoice');
    await turn.answer('Please refund my last invoice');
    assert.equal(turn.llmCalls, 2);
    await cache.close();
  });

  it('returns stored audio only for the same voice key', async () => {
    const cache = createSemanticCache({ agentId: 'support', embedder });
    await cache.store(
      { question: 'When is my bill due?', answer: 'On the 15th.', voiceKey: voice, audio },
      signal,
    );
    assert.deepEqual((await cache.lookup('when is my bill due', voice, signal))?.audio, audio);
    const otherVoice = await cache.lookup('when is my bill due', 'flite:kal16@1.0', signal);
    assert.equal(otherVoice?.text, 'On the 15th.');
    assert.equal(otherVoice?.audio, undefined);
    await cache.close();
  });

  it('drops stored audio when the answer is replaced', async () => {
    const cache = createSemanticCache({ agentId: 'support', embedder });
    await cache.store(
      { question: 'When is my bill due?', answer: 'On the 15th.', voiceKey: voice, audio },
      signal,
    );
    await cache.store(
      { question: 'When is my bill due?', answer: 'On the 1st.', voiceKey: voice },
      signal,
    );
    const hit = await cache.lookup('When is my bill due?', voice, signal);
    assert.equal(hit?.text, 'On the 1st.');
    assert.equal(hit?.audio, undefined);
    await cache.close();
  });

  it('expires entries after their TTL', async () => {
    let nowMs = 1_000;
    const cache = createSemanticCache({
      agentId: 'support',
      embedder,
      ttlMs: 500,
      clock: { now: () => nowMs },
    });
    await cache.store(
      { question: 'When is my bill due?', answer: 'On the 15th.', voiceKey: voice },
      signal,
    );
    nowMs += 400;
    assert.ok(await cache.lookup('When is my bill due?', voice, signal));
    nowMs += 200;
    assert.equal(await cache.lookup('When is my bill due?', voice, signal), undefined);
    await cache.close();
  });

  it('invalidates one question, then everything', async () => {
    const cache = createSemanticCache({ agentId: 'support', embedder });
    await cache.store({ question: 'When is my bill due?', answer: 'a', voiceKey: voice }, signal);
    await cache.store(
      { question: 'How do I reset my password?', answer: 'b', voiceKey: voice },
      signal,
    );
    await cache.invalidate('um when is the bill due');
    assert.equal(await cache.lookup('When is my bill due?', voice, signal), undefined);
    assert.ok(await cache.lookup('How do I reset my password?', voice, signal));
    await cache.invalidate();
    assert.equal(await cache.lookup('How do I reset my password?', voice, signal), undefined);
    await cache.close();
  });

  it('keeps agents apart in a shared store', async () => {
    const store = createSqliteVecStore({
      path: ':memory:',
      dimensions: embedder.capabilities.dimensions,
    });
    const support = createSemanticCache({ agentId: 'support', embedder, store });
    const technician = createSemanticCache({ agentId: 'technician', embedder, store });
    await support.store({ question: 'When is my bill due?', answer: 'a', voiceKey: voice }, signal);
    assert.equal(await technician.lookup('When is my bill due?', voice, signal), undefined);
    assert.ok(await support.lookup('When is my bill due?', voice, signal));
    await store.close();
  });

  it('uses a per-agent threshold when given one', async () => {
    const cache = createSemanticCache({ agentId: 'support', embedder, threshold: 0.999 });
    await cache.store(
      {
        question: 'What is the maximum discharge pressure of the pump?',
        answer: 'a',
        voiceKey: voice,
      },
      signal,
    );
    assert.equal(
      await cache.lookup('what is the max discharge pressure of the pump', voice, signal),
      undefined,
    );
    await cache.close();
  });
});
