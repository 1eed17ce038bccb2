import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compileExpectedPhrases } from './expected-phrases.ts';

describe('compileExpectedPhrases', () => {
  const isExpected = compileExpectedPhrases([
    'where is my order',
    'i want a refund for order {digits} [please]',
    'un (café | té) con leche',
    'my order number is {digits}',
  ]);

  it('recognises a whole expected phrase whatever its case and punctuation', () => {
    assert.equal(isExpected('Where is my order?'), true);
    assert.equal(isExpected('where is my order'), true);
  });

  it('follows alternatives, optional words and slots inside the phrase', () => {
    assert.equal(isExpected('un té con leche'), true);
    assert.equal(isExpected('i want a refund for order four five please'), true);
  });

  it('does not count a phrase that is only the start of what was said', () => {
    assert.equal(isExpected('where is my order and'), false);
    assert.equal(isExpected('where is my'), false);
  });

  it('leaves out phrases that end in a slot, since dictation may go on', () => {
    assert.equal(isExpected('my order number is four five'), false);
  });
});
