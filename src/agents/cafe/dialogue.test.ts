import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decideAfter } from '../../providers/local/dialogue/decide-helpers.ts';
import { CAFE_DIALOGUE } from './dialogue.ts';

function orderedItem(line: string): unknown {
  const decision = decideAfter(CAFE_DIALOGUE, [line], 'es-ES');
  assert.equal(decision.type, 'call', line);
  return decision.type === 'call' ? decision.args['user_input'] : undefined;
}

describe('the café’s offline script', () => {
  it('tells "un café con leche" apart from "dos cafés"', () => {
    assert.equal(orderedItem('un café con leche, por favor'), 'un café con leche');
    assert.equal(orderedItem('quiero un café con leche'), 'quiero un café con leche');
    assert.equal(orderedItem('dos cafés, por favor'), 'dos café');
  });

  it('takes an order phrased in other ways', () => {
    assert.equal(orderedItem('ponme una tortilla'), 'una tortilla');
    assert.equal(orderedItem('me pones un té'), 'pone un té');
  });
});
