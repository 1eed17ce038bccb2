import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { countWords, hasSpeech, splitWords } from './words.ts';

describe('words', () => {
  it('strips punctuation around words', () => {
    assert.deepEqual(splitWords('Hello, world! (Really?) "Yes."'), [
      'Hello',
      'world',
      'Really',
      'Yes',
    ]);
  });

  it('keeps apostrophes inside words', () => {
    assert.deepEqual(splitWords("Don't stop — it’s l'eau."), ["Don't", 'stop', 'it’s', "l'eau"]);
  });

  it('keeps accented letters', () => {
    assert.deepEqual(splitWords('¿Qué pasó, señor Müller?'), ['Qué', 'pasó', 'señor', 'Müller']);
  });

  it('keeps numbers with decimal, thousands and time separators as one word', () => {
    assert.deepEqual(splitWords('It costs 1,000.50 at 10:30, version 3.5.'), [
      'It',
      'costs',
      '1,000.50',
      'at',
      '10:30',
      'version',
      '3.5',
    ]);
  });

  it('splits hyphenated words, as they are spoken', () => {
    assert.deepEqual(splitWords('a well-known fact'), ['a', 'well', 'known', 'fact']);
  });

  it('counts words the same way it splits them', () => {
    const text = "I'm here — 3.5 miles away, señor!";
    assert.equal(countWords(text), splitWords(text).length);
    assert.equal(countWords(text), 6);
  });

  it('counts zero words in empty or punctuation-only text', () => {
    assert.equal(countWords(''), 0);
    assert.equal(countWords(' ... — !? '), 0);
    assert.deepEqual(splitWords('...'), []);
  });

  it('says whether text has anything to speak', () => {
    assert.equal(hasSpeech('...'), false);
    assert.equal(hasSpeech('…ok'), true);
    assert.equal(hasSpeech('42'), true);
  });
});
