import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkOrderGrammar } from './grammar-check.ts';

describe('café grammar check', () => {
  it('accepts a correct order without "por favor"', () => {
    const check = checkOrderGrammar('Quiero un café con leche');
    assert.deepEqual(check.mistakes, []);
    assert.deepEqual(check.items, [{ name: 'café con leche', quantity: 1 }]);
  });

  it('flags "una café" as a gender mistake that does not change the order', () => {
    const check = checkOrderGrammar('quiero una café');
    assert.equal(check.meaningChanged, false);
    assert.equal(check.mistakes[0]?.right, 'un café');
  });

  it('knows "un agua" is right and "una agua" is not', () => {
    assert.deepEqual(checkOrderGrammar('un agua, por favor').mistakes, []);
    assert.equal(checkOrderGrammar('una agua').mistakes[0]?.right, 'un agua');
  });

  it('reads "soy un café" as changing the meaning', () => {
    const check = checkOrderGrammar('Soy un café');
    assert.equal(check.meaningChanged, true);
    assert.equal(check.mistakes[0]?.right, 'quiero un café');
  });

  it('reads "quieres" at the start as offering the waiter a drink', () => {
    assert.equal(checkOrderGrammar('quieres un té').meaningChanged, true);
  });

  it('corrects "yo quiere" without calling it a change of meaning', () => {
    const check = checkOrderGrammar('yo quiere una caña');
    assert.equal(check.meaningChanged, false);
    assert.equal(check.mistakes[0]?.right, 'yo quiero');
  });

  it('treats a plural noun after a number as right and a singular one as a small mistake', () => {
    assert.deepEqual(checkOrderGrammar('dos cafés').items, [{ name: 'café', quantity: 2 }]);
    const check = checkOrderGrammar('dos café');
    assert.equal(check.meaningChanged, false);
    assert.equal(check.mistakes[0]?.right, 'dos cafés');
  });

  it('reads "un cafés" as an unclear quantity', () => {
    assert.equal(checkOrderGrammar('un cafés').meaningChanged, true);
  });
});
