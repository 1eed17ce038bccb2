import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { agreement, chooseHypothesis, DEFAULT_CHOOSE } from './choose.ts';

const lm = (text: string, acousticPerFrame: number) => ({ text, acousticPerFrame });
const grammar = lm;

describe('chooseHypothesis', () => {
  it('trusts a grammar path that fits the audio nearly as well as the free LM path', () => {
    const choice = chooseHypothesis(
      grammar('how much is a tea', -14),
      lm('palmer does it take', -13),
    );
    assert.equal(choice, 'grammar');
  });

  it('prefers the LM when its path fits the audio clearly better than the grammar phrase', () => {
    const choice = chooseHypothesis(
      grammar('what time do you open', -22),
      lm('where is the nearest train station', -12),
    );
    assert.equal(choice, 'lm');
  });

  it('judges the gap, not the absolute fit, so a poorly modelled voice still gets its phrases', () => {
    const choice = chooseHypothesis(
      grammar('i need a technician', -34),
      lm('i need a tech nation', -33),
    );
    assert.equal(choice, 'grammar');
  });

  it('accepts a wider gap when the LM heard most of the same words', () => {
    const phrase = grammar('what time do you open', -17);
    assert.equal(chooseHypothesis(phrase, lm('what time do you oh but', -13)), 'grammar');
    assert.equal(chooseHypothesis(phrase, lm('what is the capital', -13)), 'lm');
  });

  it('reports nothing for grammar digits forced onto audio the LM heard as noise', () => {
    assert.equal(chooseHypothesis(grammar('five five five', -20), lm('', -19)), 'none');
  });

  it('wants the LM to have heard digit-like words before it believes digits only', () => {
    const digits = grammar('four five seven one', -15);
    assert.equal(chooseHypothesis(digits, lm('for five seven won', -14)), 'grammar');
    assert.equal(chooseHypothesis(digits, lm('the fire', -14)), 'lm');
  });

  it('takes the LM when the grammar only added digits to the digit string the LM heard', () => {
    const heard = lm('my order number is oh four five seven one', -31.7);
    const padded = grammar('my order number is oh four five seven one oh oh', -22.8);
    assert.equal(chooseHypothesis(padded, heard), 'lm');
    const inserted = grammar('refund order eight oh two two zero', -24.8);
    assert.equal(chooseHypothesis(inserted, lm('refund order eight two two zero', -35.1)), 'lm');
  });

  it('keeps the grammar when it adds words that are not digits, or digits the LM never heard', () => {
    const noDigits = lm('where is my order', -20);
    assert.equal(
      chooseHypothesis(grammar('where is my order four five', -19), noDigits),
      'grammar',
    );
    const words = lm('refund order four five seven', -20);
    assert.equal(
      chooseHypothesis(grammar('refund my order four five seven', -19), words),
      'grammar',
    );
    const many = lm('order four five seven', -20);
    assert.equal(
      chooseHypothesis(grammar('order four five seven one one one', -19), many),
      'grammar',
    );
  });

  it('takes the LM when the grammar heard nothing, and nothing when neither did', () => {
    assert.equal(chooseHypothesis(grammar('', 0), lm('hello', -15)), 'lm');
    assert.equal(chooseHypothesis(grammar('', 0), lm('', -15)), 'none');
  });
});

describe('chooseHypothesis with the keyword search as a witness', () => {
  // Fits from eval/spot-words.ts: flite awb's "i need a technician", clean.
  const forced = grammar('i need a minute', -30.8);
  const said = lm('i need a technician', -32.3);
  const turnTakingPhrases = new Set(['i need a minute', 'sure', 'okay', 'hold on']);
  const witness = (spotted: boolean) => ({
    isTurnTaking: (text: string) => turnTakingPhrases.has(text),
    spotted,
  });

  it('takes the LM words when the grammar chose a turn-taking phrase nothing spotted', () => {
    assert.equal(chooseHypothesis(forced, said, DEFAULT_CHOOSE, witness(false)), 'lm');
  });

  it('keeps the turn-taking phrase when the search spotted one over the utterance', () => {
    assert.equal(chooseHypothesis(forced, said, DEFAULT_CHOOSE, witness(true)), 'grammar');
  });

  it('reports nothing rather than an unspotted turn-taking phrase when the LM heard nothing', () => {
    const choice = chooseHypothesis(
      grammar('sure', -16),
      lm('', -30),
      DEFAULT_CHOOSE,
      witness(false),
    );
    assert.equal(choice, 'none');
  });

  it("leaves the agent's own phrases to the fit, spotted or not", () => {
    const phrase = grammar('tell me about your plans', -20);
    const choice = chooseHypothesis(
      phrase,
      lm('tell me about your plan', -19),
      DEFAULT_CHOOSE,
      witness(false),
    );
    assert.equal(choice, 'grammar');
  });

  it('decides by fit alone without a keyword search, or with the rule turned off', () => {
    assert.equal(chooseHypothesis(forced, said), 'grammar');
    const off = { ...DEFAULT_CHOOSE, turnTakingNeedsSpot: false };
    assert.equal(chooseHypothesis(forced, said, off, witness(false)), 'grammar');
  });
});

describe('agreement', () => {
  it('is the share of the reference words found in order in the other text', () => {
    assert.equal(agreement('do you have soup', 'do you have to'), 0.75);
    assert.equal(agreement('a b c', 'c b a'), 1 / 3);
    assert.equal(agreement('', 'anything'), 0);
  });
});
