import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { keyphraseFile, normaliseKeyphrase } from './keyphrases.ts';

describe('keyphraseFile', () => {
  const phones: Record<string, number> = { right: 3, 'hold on a second': 12, wait: 3 };

  it('gives longer phrases a lower threshold, and short words the floor exponent', () => {
    const file = keyphraseFile(['right', 'hold on a second'], (p) => phones[p], {
      exponentPerPhone: 3,
      minExponent: 10,
      delayFrames: 10,
    });
    assert.equal(file, 'right /1e-10/\nhold on a second /1e-36/\n');
  });

  it('leaves out phrases with a word the dictionary lacks, and writes each phrase once', () => {
    const file = keyphraseFile(['Wait!', 'wait', 'mm-hmm'], (p) => phones[p]);
    assert.equal(file.trim().split('\n').length, 1);
    assert.match(file, /^wait \/1e-\d+\/$/m);
  });

  it('writes phrases as lower-case words', () => {
    assert.equal(normaliseKeyphrase('Hold on, a second!'), 'hold on a second');
    assert.equal(normaliseKeyphrase('mm-hmm'), 'mm hmm');
  });
});
