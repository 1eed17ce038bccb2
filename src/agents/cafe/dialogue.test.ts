import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decideAfter } from '../../providers/local/dialogue/decide-helpers.ts';
import { CAFE_DIALOGUE } from './dialogue.ts';
import { checkOrderGrammar } from './grammar-check.ts';

function orderCall(lines: readonly string[]): Readonly<Record<string, unknown>> {
  const decision = decideAfter(CAFE_DIALOGUE, lines, 'es-ES');
  assert.equal(decision.type, 'call', lines.join(' / '));
  return decision.type === 'call' ? decision.args : {};
}

/** What the grammar check makes of the words the script passes it. */
function checked(lines: readonly string[]) {
  const input = orderCall(lines)['user_input'];
  assert.equal(typeof input, 'string');
  return checkOrderGrammar(String(input));
}

describe('the café’s offline script', () => {
  it('tells "un café con leche" apart from "dos cafés"', () => {
    for (const [line, item] of [
      ['un café con leche, por favor', 'café con leche'],
      ['quiero un café con leche', 'café con leche'],
      ['quiero un cafe con leche', 'café con leche'],
      ['dos cafés, por favor', 'café'],
      ['ponme una tortilla', 'tortilla'],
      ['me pones un té', 'té'],
    ] as const) {
      assert.equal(orderCall([line])['item'], item, line);
    }
  });

  it('passes the learner’s own words to the grammar check, so a right order is not corrected', () => {
    for (const line of [
      'dos cafés, por favor',
      'un café con leche, por favor',
      'quiero una tostada con tomate',
      'me pone una caña',
    ]) {
      assert.deepEqual(checked([line]).mistakes, [], line);
    }
    assert.deepEqual(
      checked(['dos cafés por favor']).items.map((item) => [item.name, item.quantity]),
      [['café', 2]],
    );
  });

  it('still lets the grammar check catch a learner’s mistake', () => {
    for (const [line, right] of [
      ['una café por favor', 'un café'],
      ['soy un café', 'quiero un café'],
      ['dos café por favor', 'dos cafés'],
      ['yo quiere un cafe', 'yo quiero'],
      ['quieres un cafe con leche', 'quiero'],
    ] as const) {
      assert.deepEqual(
        checked([line]).mistakes.map((mistake) => mistake.right),
        [right],
        line,
      );
    }
  });

  it('reads a menu word the recogniser slipped on as the menu spells it', () => {
    const check = checked(['un cafe con lecha por favor']);
    assert.deepEqual(check.mistakes, []);
    assert.deepEqual(
      check.items.map((item) => item.name),
      ['café con leche'],
    );
  });

  it('checks the answer to "¿Y qué quiere tomar?" as the learner said it', () => {
    const prompt = decideAfter(CAFE_DIALOGUE, ['quiero'], 'es-ES');
    assert.equal(prompt.type === 'say' ? prompt.text : '', 'Ya. ¿Y qué quiere tomar?');
    assert.equal(
      orderCall(['quiero', 'Ya. ¿Y qué quiere tomar?', 'unos cortados'])['item'],
      'cortado',
    );
    assert.deepEqual(checked(['quiero', 'Ya. ¿Y qué quiere tomar?', 'unos cortados']).mistakes, []);
  });

  it('takes any item of the menu as an order, not only those its examples name', () => {
    for (const [text, item] of [
      ['un cruasán', 'cruasán'],
      ['un croissant', 'cruasán'],
      ['un bocadillo', 'bocadillo'],
      ['dos cafés con leche', 'café con leche'],
    ] as const) {
      assert.equal(orderCall([text])['item'], item, text);
    }
  });

  it('orders nothing for words with no item of the menu', () => {
    for (const text of ['una cerveza', 'y dos', 'la la la', 'qué tiempo hace']) {
      assert.equal(decideAfter(CAFE_DIALOGUE, [text], 'es-ES').type, 'say', text);
    }
  });
});
