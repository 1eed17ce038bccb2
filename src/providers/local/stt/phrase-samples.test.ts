import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { samplePhrases } from './phrase-samples.ts';

describe('samplePhrases', () => {
  it('draws optional parts, alternatives and slots into plain sentences', () => {
    const sentences = samplePhrases(['[please] ( refund | cancel ) order {digits}'], 40);
    const texts = sentences.map((words) => words.join(' '));
    assert.ok(texts.some((text) => text.startsWith('please ')));
    assert.ok(texts.some((text) => text.startsWith('refund ')));
    assert.ok(texts.some((text) => text.startsWith('cancel ')));
    for (const text of texts) assert.match(text, /^(please )?(refund|cancel) order( \w+){3,6}$/);
  });

  it('gives the same sentences on every call', () => {
    assert.deepEqual(
      samplePhrases(['a ( b | c ) {digit}']),
      samplePhrases(['a ( b | c ) {digit}']),
    );
  });

  it('gives a plain phrase once', () => {
    assert.deepEqual(samplePhrases(['Where is my order?']), [['where', 'is', 'my', 'order']]);
  });
});
