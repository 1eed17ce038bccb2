import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { normaliseQuestion } from './normalise-question.ts';
import { questionKind } from './question-kind.ts';
import { shouldCache } from './should-cache.ts';

describe('normaliseQuestion', () => {
  it('drops hesitations, politeness and punctuation', () => {
    assert.equal(
      normaliseQuestion('Um, so... how do I, you know, reset my password? Thanks!'),
      'how do i reset my password',
    );
  });

  it('folds accents and Spanish fillers', () => {
    assert.equal(
      normaliseQuestion('Bueno, ¿cuánto tarda el reembolso, por favor?'),
      'cuanto tarda el reembolso',
    );
  });
});

describe('questionKind', () => {
  it('tells when-questions from why-questions', () => {
    assert.notEqual(questionKind('when is my bill due'), questionKind('why is my bill due'));
  });

  it('treats what and which as one kind', () => {
    assert.equal(questionKind('what payment methods'), questionKind('which payment methods'));
  });

  it('marks negation', () => {
    assert.equal(questionKind('my internet is not working'), 'not');
  });
});

describe('shouldCache', () => {
  it('allows answers that used no tools or only read-only tools', () => {
    assert.equal(shouldCache([]), true);
    assert.equal(
      shouldCache([{ name: 'lookup_order', sideEffects: false }, { name: 'status' }]),
      true,
    );
  });

  it('refuses answers that called a side-effecting tool', () => {
    assert.equal(
      shouldCache([{ name: 'status' }, { name: 'issue_refund', sideEffects: true }]),
      false,
    );
  });
});
