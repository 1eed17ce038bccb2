import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DialogueIntent } from '../../../spec/dialogue.ts';
import type { Embedder } from '../../../spec/retrieval.ts';
import { createUseLiteEmbedder, useLiteAvailable } from '../embedder/index.ts';
import { buildIntentIndex, rankIntents } from './intent-matcher.ts';
import { createSemanticIndex, semanticScore } from './semantic-scores.ts';

const intents: DialogueIntent[] = [
  { name: 'refund', examples: ['I want a refund', 'refund my order'], reply: '' },
  { name: 'password', examples: ['reset my password', 'I forgot my password'], reply: '' },
];
const signal = new AbortController().signal;

/** Two-dimensional vectors by keyword, so the scores are known exactly. */
const axisEmbedder: Embedder = {
  provider: 'test',
  model: 'axes',
  capabilities: { dimensions: 2, maxBatch: 100 },
  embed: (texts) =>
    Promise.resolve(
      texts.map((text) =>
        /refund|money/.test(text) ? new Float32Array([1, 0]) : new Float32Array([0, 1]),
      ),
    ),
};

describe('semantic intent scores', () => {
  it('maps the calibrated cosine to the match threshold and clamps to 0–1', () => {
    assert.equal(semanticScore(0.6, 0.6), 0.5);
    assert.equal(semanticScore(1, 0.2), 1);
    assert.equal(semanticScore(-1, 0.6), 0);
  });

  it('scores only utterances that were prepared, by their nearest example', async () => {
    const semantic = createSemanticIndex(intents, axisEmbedder, 0.6);
    assert.equal(semantic.scorer('give me my money back'), undefined);
    await semantic.prepare(['give me my money back'], signal);
    const scores = semantic.scorer('give me my money back');
    assert.equal(scores?.get(intents[0]!), 1);
    assert.equal(scores?.get(intents[1]!), 0);
  });

  it(
    'lets the real sentence encoder find an intent the words alone miss',
    { skip: !useLiteAvailable() },
    async () => {
      const utterance = 'give me my money back';
      const lexical = buildIntentIndex(intents);
      const semantic = createSemanticIndex(intents, createUseLiteEmbedder());
      await semantic.prepare([utterance], signal);
      const withEmbeddings = buildIntentIndex(intents, semantic.scorer);
      const before = rankIntents(lexical, utterance)[0];
      const after = rankIntents(withEmbeddings, utterance)[0];
      assert.ok((before?.score ?? 0) < 0.5, `lexical ${before?.score}`);
      assert.equal(after?.intent.name, 'refund');
      assert.ok((after?.score ?? 0) >= 0.5, `semantic ${after?.score}`);
    },
  );
});
