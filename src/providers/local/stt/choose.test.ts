import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { agreement, chooseHypothesis } from './choose.ts';

describe('chooseHypothesis', () => {
  it('trusts a grammar path that fits the audio well even when the LM disagrees', () => {
    const grammar = { text: 'how much is a tea', acousticPerFrame: -12 };
    assert.equal(chooseHypothesis(grammar, { text: 'palmer does it take' }), 'grammar');
  });

  it('falls back to the LM when the grammar path fits badly', () => {
    const grammar = { text: 'what time do you open', acousticPerFrame: -46 };
    assert.equal(chooseHypothesis(grammar, { text: 'where is the nearest train station' }), 'lm');
  });

  it('accepts a middling fit when the LM heard most of the same words', () => {
    const grammar = { text: 'what time do you open', acousticPerFrame: -31 };
    assert.equal(chooseHypothesis(grammar, { text: 'what time do you oh but' }), 'grammar');
    assert.equal(chooseHypothesis(grammar, { text: 'what is the capital' }), 'lm');
  });

  it('takes whichever side has text when the other is empty', () => {
    assert.equal(chooseHypothesis({ text: '', acousticPerFrame: 0 }, { text: 'hello' }), 'lm');
    assert.equal(chooseHypothesis({ text: 'yes', acousticPerFrame: -50 }, { text: '' }), 'grammar');
  });
});

describe('agreement', () => {
  it('is the share of the reference words found in order in the other text', () => {
    assert.equal(agreement('do you have soup', 'do you have to'), 0.75);
    assert.equal(agreement('a b c', 'c b a'), 1 / 3);
    assert.equal(agreement('', 'anything'), 0);
  });
});
