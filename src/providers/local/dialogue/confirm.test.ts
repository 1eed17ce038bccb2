import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { yesOrNo } from './confirm.ts';

describe('yesOrNo', () => {
  it('hears yes in English and Spanish', () => {
    for (const text of ['yes please', "Yeah that's right", 'correct', 'sí, eso es', 'vale']) {
      assert.equal(yesOrNo(text), 'yes', text);
    }
  });

  it('hears no, with or without a correction', () => {
    for (const text of ['no', 'No, one thirty', 'nope', 'that is wrong']) {
      assert.equal(yesOrNo(text), 'no', text);
    }
  });

  it('hears neither in a new request', () => {
    assert.equal(yesOrNo('where is my order'), undefined);
    assert.equal(yesOrNo('I said no refund yesterday'), undefined);
  });
});
