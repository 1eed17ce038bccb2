import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { classifyCompleteness } from './end-of-turn.ts';
import { listeningVocabulary } from './listening-vocabulary.ts';

describe('listeningVocabulary', () => {
  it('adds the language’s backchannels and ways of asking for time beside an agent’s phrases', () => {
    const vocabulary = listeningVocabulary({ phrases: ['my order number is {digits}'] }, 'en-US');
    assert.deepEqual(vocabulary?.phrases, ['my order number is {digits}']);
    assert.ok(vocabulary?.keywords?.includes('okay'));
    assert.ok(vocabulary?.keywords?.includes('mm hmm'));
    assert.ok(vocabulary?.keywords?.includes('gotcha'));
    assert.ok(vocabulary?.keywords?.includes('hold on a second'));
  });

  it('listens for "hold on a sec" as a way of asking for time, and a turn ending on it waits long', () => {
    const vocabulary = listeningVocabulary({ phrases: ['my order number is {digits}'] }, 'en-US');
    assert.ok(vocabulary?.keywords?.includes('hold on a sec'));
    assert.ok(vocabulary?.turnTaking?.includes('hold on a sec'));
    assert.equal(classifyCompleteness('Hold on a sec.'), 'asking-for-time');
  });

  it('keeps the agent’s own keywords first and does not repeat them', () => {
    const vocabulary = listeningVocabulary({ keywords: ['okay', 'espresso'] }, 'en-US');
    assert.deepEqual(vocabulary?.keywords?.slice(0, 2), ['okay', 'espresso']);
    assert.equal(vocabulary?.keywords?.filter((k) => k === 'okay').length, 1);
  });

  it('names the turn-taking phrases, interrupting words included, for a recogniser to spot', () => {
    const vocabulary = listeningVocabulary({ keywords: ['okay', 'espresso'] }, 'en-US');
    for (const phrase of ['okay', 'right', 'hold on a second', 'wait', 'stop', 'actually']) {
      assert.ok(vocabulary?.turnTaking?.includes(phrase), phrase);
    }
    assert.ok(!vocabulary?.turnTaking?.includes('espresso'));
    assert.equal(vocabulary?.turnTaking?.filter((p) => p === 'hold on').length, 1);
  });

  it('leaves an agent with no vocabulary, an empty one, or a hand-written grammar as it is', () => {
    assert.equal(listeningVocabulary(undefined, 'en-US'), undefined);
    const empty = { phrases: [] };
    assert.equal(listeningVocabulary(empty, 'en-US'), empty);
    const grammar = { grammar: '#JSGF V1.0; grammar g; public <s> = yes | no;' };
    assert.equal(listeningVocabulary(grammar, 'en-US'), grammar);
  });

  it('adds no hints for other languages: their grammars hold only the agent’s own phrases', () => {
    const vocabulary = { phrases: ['un café'] };
    assert.equal(listeningVocabulary(vocabulary, 'es-ES'), vocabulary);
    assert.ok(listeningVocabulary(vocabulary, 'en-GB')?.keywords?.includes('gotcha'));
  });
});
