import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { translate } from './glossary.ts';

describe('the café translation toggle', () => {
  it('translates the waiter’s scripted sentences whole', () => {
    assert.deepEqual(translate('Buenos días. ¿Qué le pongo?'), {
      text: 'Good morning. What can I get you?',
      kind: 'sentence',
    });
  });

  it('says when it fell back to a word-by-word gloss, and brackets unknown words', () => {
    const result = translate('Un café con leche, marchando.');
    assert.equal(result.kind, 'words');
    assert.equal(result.text, 'A coffee with milk coming up.');
    assert.match(translate('Perdone, zumbido.').text, /\[zumbido\]/);
  });
});
