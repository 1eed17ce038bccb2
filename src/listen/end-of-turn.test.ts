import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_END_OF_TURN as config } from '../conversation/defaults.ts';
import { classifyCompleteness, decideEndOfTurn, endOfTurnSilenceMs } from './end-of-turn.ts';

describe('classifyCompleteness', () => {
  it('reads a sentence with a full stop as complete', () => {
    assert.equal(classifyCompleteness('I want to check my order.'), 'complete');
  });
  it('reads a trailing "and" as incomplete', () => {
    assert.equal(classifyCompleteness('I want a coffee and'), 'incomplete');
  });
  it('reads a trailing "um" as incomplete', () => {
    assert.equal(classifyCompleteness('my order is um'), 'incomplete');
  });
  it('reads a number dictated digit by digit as incomplete', () => {
    assert.equal(classifyCompleteness('my order number is four five seven'), 'incomplete');
    assert.equal(classifyCompleteness('it is 4 5'), 'incomplete');
  });
  it('reads a trailing comma as incomplete', () => {
    assert.equal(classifyCompleteness('Well, first,'), 'incomplete');
  });
  it('reads a closing "thank you" as complete without punctuation', () => {
    assert.equal(classifyCompleteness('that is all thank you'), 'complete');
  });
  it('reads Spanish "y" at the end as incomplete', () => {
    assert.equal(classifyCompleteness('un café con leche y', { language: 'es-ES' }), 'incomplete');
  });
  it('does not know about an unpunctuated plain phrase', () => {
    assert.equal(classifyCompleteness('check my parcel'), 'unknown');
  });
  it('reads an unpunctuated question that sounds complete as complete', () => {
    assert.equal(classifyCompleteness('where is my parcel'), 'complete');
    assert.equal(classifyCompleteness('what are you looking for'), 'complete');
  });
  it('lets a question mark win over a trailing preposition', () => {
    assert.equal(classifyCompleteness("What's the weather like?"), 'complete');
  });
  it('does not take "please" for a closing', () => {
    assert.equal(classifyCompleteness('Could you please'), 'incomplete');
  });
  it('reads a request for time as asking for time, in English and Spanish', () => {
    assert.equal(classifyCompleteness('Hold on a second.'), 'asking-for-time');
    assert.equal(classifyCompleteness('give me a minute please'), 'asking-for-time');
    assert.equal(classifyCompleteness('Un momento.', { language: 'es' }), 'asking-for-time');
  });
  it('reads a number the STT wrote as one token as dictation', () => {
    assert.equal(classifyCompleteness('It is 41086753.'), 'incomplete');
    assert.equal(classifyCompleteness('Call me on 555-1234.'), 'incomplete');
    assert.equal(classifyCompleteness('Table 12.'), 'complete');
  });
  it('counts "oh" between digits as a digit', () => {
    assert.equal(classifyCompleteness('my number is five oh'), 'incomplete');
  });
});

describe('endOfTurnSilenceMs', () => {
  it('is shorter for a complete turn than for an unknown one, and longest mid-phrase', () => {
    const complete = endOfTurnSilenceMs('Check my order.', config);
    const unknown = endOfTurnSilenceMs('check my order', config);
    const incomplete = endOfTurnSilenceMs('check my order and', config);
    assert.ok(complete < unknown && unknown < incomplete);
  });
});

describe('decideEndOfTurn', () => {
  const base = {
    nowMs: 0,
    userSpeaking: false,
    speechEndedAtMs: 1000,
    transcript: 'Check my order.',
    finalReceived: true,
  };

  it('waits while the user is speaking', () => {
    assert.deepEqual(decideEndOfTurn({ ...base, userSpeaking: true }, config), {
      kind: 'wait',
      untilMs: undefined,
    });
  });
  it('waits until the silence for a complete transcript has passed, then ends', () => {
    const due = 1000 + config.completeSilenceMs;
    assert.deepEqual(decideEndOfTurn({ ...base, nowMs: due - 1 }, config), {
      kind: 'wait',
      untilMs: due,
    });
    assert.deepEqual(decideEndOfTurn({ ...base, nowMs: due }, config), { kind: 'end' });
  });
  it('waits longer after a trailing "and"', () => {
    const decision = decideEndOfTurn(
      { ...base, transcript: 'I want a coffee and', nowMs: 1000 + config.completeSilenceMs },
      config,
    );
    assert.deepEqual(decision, { kind: 'wait', untilMs: 1000 + config.incompleteSilenceMs });
  });
  it('waits for the STT final after the silence, up to its timeout, then ends on the interim', () => {
    const due = 1000 + config.completeSilenceMs;
    const input = { ...base, finalReceived: false, nowMs: due };
    assert.deepEqual(decideEndOfTurn(input, config), {
      kind: 'wait',
      untilMs: due + config.sttFinalTimeoutMs,
    });
    assert.deepEqual(decideEndOfTurn({ ...input, nowMs: due + config.sttFinalTimeoutMs }, config), {
      kind: 'end',
    });
  });
});
