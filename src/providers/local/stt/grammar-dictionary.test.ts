import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, it } from 'node:test';
import { dictionaryLines, vocabularyWords, writeGrammarDictionary } from './grammar-dictionary.ts';

const dictionary = ['order AO R D ER', 'read R EH D', 'read(2) R IY D', 'refund R IY F AH N D', ''];

describe('grammar dictionaries', () => {
  it('keeps the wanted words with their alternate pronunciations', () => {
    assert.deepEqual(dictionaryLines(dictionary, new Set(['read', 'nope'])), [
      'read R EH D',
      'read(2) R IY D',
    ]);
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
    const lines = dictionaryLines(dictionary, new Set(['read', 'order', 'missing']));
    const first = await writeGrammarDictionary(lines);
    const second = await writeGrammarDictionary(lines);
    assert.equal(first, second);
    assert.equal(await readFile(first, 'utf8'), 'order AO R D ER\nread R EH D\nread(2) R IY D\n');
  });
});
