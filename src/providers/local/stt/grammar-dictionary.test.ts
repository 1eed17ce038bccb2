import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, it } from 'node:test';
import { parseDictionary, vocabularyWords, writeGrammarDictionary } from './grammar-dictionary.ts';

const dictionary = parseDictionary(
  [
    'order AO R D ER',
    'read R EH D',
    'read(2) R IY D',
    'refund R IY F AH N D',
    'zero Z IH R OW',
    '',
  ].join('\n'),
);

describe('grammar dictionaries', () => {
  it('keeps alternate pronunciations under their head word', () => {
    assert.deepEqual(dictionary.linesFor('read'), ['read R EH D', 'read(2) R IY D']);
    assert.equal(dictionary.has('refund'), true);
    assert.equal(dictionary.has('nope'), false);
  });

  it('collects the words of phrases, keywords, pronunciations and the grammar', () => {
    const words = vocabularyWords(
      {
        phrases: ['refund order {digits}'],
        keywords: ['re-read'],
        pronunciations: { parley: 'P AA R L IY' },
      },
      '#JSGF V1.0; grammar g; public <s> = refund ( zero | one );',
    );
    for (const word of ['refund', 'order', 're-read', 're', 'read', 'parley', 'zero', 'one']) {
      assert.ok(words.has(word), word);
    }
  });

  it('writes only the wanted words, once, to a content-addressed file', async () => {
    const first = await writeGrammarDictionary(dictionary, ['read', 'order', 'missing']);
    const second = await writeGrammarDictionary(dictionary, ['order', 'read']);
    assert.equal(first, second);
    assert.equal(await readFile(first, 'utf8'), 'order AO R D ER\nread R EH D\nread(2) R IY D\n');
  });
});
