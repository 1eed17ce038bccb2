import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createLexicalIndex } from './lexical-index.ts';

const docs = [
  { id: 'a', source: 'a.md', text: 'Refunds are paid within five working days.' },
  { id: 'b', source: 'b.md', text: 'The pump must be primed before starting.' },
  { id: 'c', source: 'c.md', text: 'Bills are issued monthly; refunds appear on the next bill.' },
];

describe('createLexicalIndex', () => {
  it('ranks documents sharing rarer query terms first', () => {
    const index = createLexicalIndex();
    index.upsert(docs);
    assert.deepEqual(
      index.search('how is a refund paid', 3).map((h) => h.id),
      ['a', 'c'],
    );
  });

  it('replaces a document upserted again under the same id', () => {
    const index = createLexicalIndex();
    index.upsert(docs);
    index.upsert([{ id: 'b', source: 'b.md', text: 'Gearbox oil grade' }]);
    assert.equal(index.size, 3);
    assert.deepEqual(index.search('pump primed', 3), []);
    assert.deepEqual(
      index.search('gearbox oil', 3).map((h) => h.id),
      ['b'],
    );
  });

  it('forgets removed documents', () => {
    const index = createLexicalIndex();
    index.upsert(docs);
    index.remove(['a']);
    assert.deepEqual(
      index.search('refunds paid', 3).map((h) => h.id),
      ['c'],
    );
  });

  it('returns nothing for a query of stop words only', () => {
    const index = createLexicalIndex();
    index.upsert(docs);
    assert.deepEqual(index.search('what is the', 3), []);
  });
});
