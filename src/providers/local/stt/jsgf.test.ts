import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { normalisePhrase, phrasesToJsgf, wordsOfJsgf } from './jsgf.ts';

describe('phrasesToJsgf', () => {
  it('makes one public rule with each phrase as an alternative', () => {
    const jsgf = phrasesToJsgf(['Yes please', 'no thanks']);
    assert.equal(
      jsgf,
      '#JSGF V1.0;\ngrammar parley;\npublic <phrase> = ( yes please ) | ( no thanks );\n',
    );
  });

  it('turns a built-in slot into a rule reference and defines the rule once', () => {
    const jsgf = phrasesToJsgf(['table for {digit}', 'call {digit} now']);
    assert.match(jsgf, /\( table for <digit> \) \| \( call <digit> now \)/);
    assert.equal(jsgf.match(/^<digit> = /gm)?.length, 1);
  });

  it('writes one or more digits as a digit then any more (pocketsphinx loops `+` into the other phrases)', () => {
    const jsgf = phrasesToJsgf(['order {digits}']);
    assert.doesNotMatch(jsgf, /\+/);
    assert.match(jsgf, /^<digits> = \( zero \| oh [^)]*\) \( zero \| oh [^)]*\)\*;$/m);
  });

  it('uses custom slots given in the options', () => {
    const jsgf = phrasesToJsgf(['a {drink}'], { slots: { drink: ['Coffee', 'green tea'] } });
    assert.match(jsgf, /^<drink> = \( coffee \| green tea \);$/m);
  });

  it('refuses an unknown slot', () => {
    assert.throws(() => phrasesToJsgf(['a {mystery}']), /unknown slot/);
  });

  it('refuses an empty phrase list', () => {
    assert.throws(() => phrasesToJsgf(['?!']), RangeError);
  });

  it('drops punctuation and duplicates but keeps optional parts and apostrophes', () => {
    const jsgf = phrasesToJsgf(["I'd like [a] coffee, please!", "i'd like [a] coffee please"]);
    assert.match(jsgf, /= \( i'd like \[ a \] coffee please \);/);
  });
});

describe('normalisePhrase', () => {
  it('splits hyphenated words', () => {
    assert.equal(normalisePhrase('Check-in time'), 'check in time');
  });
});

describe('wordsOfJsgf', () => {
  it('lists the words of a grammar without rule names, tags or headers', () => {
    const jsgf = `#JSGF V1.0;\ngrammar g;\n// comment words\npublic <a> = hello {greet} [ there ] | <b>;\n<b> = /2/ good ( morning | night )*;`;
    assert.deepEqual(wordsOfJsgf(jsgf), ['hello', 'there', 'good', 'morning', 'night']);
  });

  it('lists the words of a grammar built from phrases', () => {
    assert.deepEqual(wordsOfJsgf(phrasesToJsgf(['a {drink}'], { slots: { drink: ['tea'] } })), [
      'a',
      'tea',
    ]);
  });
});
