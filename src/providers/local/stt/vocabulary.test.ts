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

  it('adds the spoken and spelled forms of a listener noise the vocabulary holds', () => {
    const plan = planVocabulary({ phrases: ['yes please'], keywords: ['mhm', 'mm hmm'] }, isKnown);
    assert.deepEqual(plan.pronunciations, [
      ['mhm', 'M HH M'],
      ['mhm', 'EH M EY CH EH M'],
      ['mm', 'EH M EH M'],
      ['hmm', 'M HH M'],
      ['hmm', 'EY CH EH M EH M'],
    ]);
  });

  it("keeps the agent's own pronunciation of a listener noise as the only one added", () => {
    const plan = planVocabulary(
      { keywords: ['mhm', 'yes'], pronunciations: { mhm: 'M M' } },
      isKnown,
    );
    assert.deepEqual(plan.pronunciations, [['mhm', 'M M']]);
  });

  it('adds nothing for a vocabulary without listener noises', () => {
    assert.deepEqual(planVocabulary({ phrases: ['yes please'] }, isKnown).pronunciations, []);
  });
});
