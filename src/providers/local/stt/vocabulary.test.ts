import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { planVocabulary } from './vocabulary.ts';

const dictionary = new Set(['yes', 'please', 'no', 'thanks', 'a', 'coffee']);
const isKnown = (word: string) => dictionary.has(word);

describe('planVocabulary', () => {
  it('builds no grammar and adds nothing without a vocabulary', () => {
    assert.deepEqual(planVocabulary(undefined, isKnown), {
      pronunciations: [],
      jsgf: undefined,
      unknownWords: [],
    });
  });

  it('drops phrases with unknown words and reports those words', () => {
    const plan = planVocabulary({ phrases: ['yes please', 'un cafecito'] }, isKnown);
    assert.deepEqual(plan.unknownWords, ['un', 'cafecito']);
    assert.match(plan.jsgf ?? '', /public <phrase> = \( yes please \);/);
  });

  it('counts words with a given pronunciation as known and normalises their case', () => {
    const plan = planVocabulary(
      { phrases: ['a Cafecito'], pronunciations: { Cafecito: 'k ae f ey s iy t ow' } },
      isKnown,
    );
    assert.deepEqual(plan.pronunciations, [['cafecito', 'K AE F EY S IY T OW']]);
    assert.deepEqual(plan.unknownWords, []);
    assert.match(plan.jsgf ?? '', /\( a cafecito \)/);
  });

  it('turns keywords into one-word alternatives of the grammar', () => {
    const plan = planVocabulary({ phrases: ['yes please'], keywords: ['coffee'] }, isKnown);
    assert.match(plan.jsgf ?? '', /\( yes please \) \| \( coffee \)/);
  });

  it('passes a hand-written grammar through and reports its unknown words', () => {
    const grammar = '#JSGF V1.0;\ngrammar g;\npublic <a> = yes | gracias;\n';
    const plan = planVocabulary({ grammar, phrases: ['no thanks'] }, isKnown);
    assert.equal(plan.jsgf, grammar);
    assert.deepEqual(plan.unknownWords, ['gracias']);
  });
});
