import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createTokenizer, type Vocabulary } from './tokenizer.ts';

const control: Vocabulary = [
  ['<unk>', 0],
  ['<s>', 0],
  ['</s>', 0],
  ['x1', 0],
  ['x2', 0],
  ['x3', 0],
];
const vocabulary: Vocabulary = [
  ...control,
  ['▁re', -3],
  ['fund', -3],
  ['▁refund', -4],
  ['▁my', -2],
  ['▁', -1],
  ['r', -5],
  ['e', -5],
];

describe('USE-lite tokenizer', () => {
  it('chooses the segmentation with the highest total score', () => {
    // "▁refund" (-4) beats "▁re" + "fund" (-6).
    assert.deepEqual(createTokenizer(vocabulary).encode('my refund'), [9, 8]);
  });

  it('marks every word and normalises spacing', () => {
    assert.deepEqual(createTokenizer(vocabulary).encode('  my   my '), [9, 9]);
  });

  it('turns a run of characters no piece covers into one unknown token', () => {
    assert.deepEqual(createTokenizer(vocabulary).encode('my qqq'), [9, 10, 0]);
  });

  it('gives nothing for empty text', () => {
    assert.deepEqual(createTokenizer(vocabulary).encode('   '), []);
  });
});
