import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decideAfter, describeDecision } from '../../providers/local/dialogue/decide-helpers.ts';
import { SUPPORT_DIALOGUE } from './dialogue.ts';

const next = (...lines: string[]) => describeDecision(decideAfter(SUPPORT_DIALOGUE, lines));

describe('the support desk’s offline script', () => {
  it('hands a frustrated caller who asks for a real person to a human', () => {
    assert.match(next('this is useless, let me talk to a real person'), /^call escalate_to_human/);
    assert.match(next('can I speak to someone real'), /^call escalate_to_human/);
  });

  it('takes an order number that starts with "oh" as the order number', () => {
    assert.equal(
      next('my order number is oh four five seven one'),
      'call get_order_status {"order_id":"4571"}',
    );
  });

  it('understands refund requests phrased in other words', () => {
    for (const phrasing of [
      'can you give me my money back for order eight two two zero',
      'I want a refund for order 8220',
      'please reimburse me for order 8,220',
      'refund order eight double two oh',
    ]) {
      assert.equal(next(phrasing), 'call initiate_refund {"order_id":"8220"}', phrasing);
    }
  });

  it('books a technician for a broken connection described in other words', () => {
    assert.match(next('send a technician to fix my internet'), /^call schedule_technician/);
    assert.match(next('my wifi keeps dropping'), /^call schedule_technician/);
  });

  it('reads an unsure request back with its order number, and acts once the caller says yes', () => {
    const unsure = ['money thing 8220'];
    assert.equal(next(...unsure), 'say: Did you mean a refund for order 8 2 2 0?');
    assert.equal(
      next(...unsure, 'Did you mean a refund for order 8 2 2 0?', 'yes please'),
      'call initiate_refund {"order_id":"8220"}',
    );
  });

  it('offers a person after two misses in a row', () => {
    const first = next('purple elephants dancing');
    assert.equal(first, `say: ${SUPPORT_DIALOGUE.fallbackReply}`);
    const second = next(
      'purple elephants dancing',
      SUPPORT_DIALOGUE.fallbackReply,
      'green giraffes singing',
    );
    assert.equal(second, `say: ${SUPPORT_DIALOGUE.escalationReply}`);
  });

  it('reads back what it is unsure of, and acts on nothing misheard', () => {
    for (const [text, expected] of [
      [
        'where is order four thousand five hundred and seventy one',
        'call get_order_status {"order_id":"4571"}',
      ],
      // "money" is the refund's own word; "order" is the status's and the refund's.
      [
        'i want my money by for order eight two two zero',
        'say: Did you mean a refund for order 8 2 2 0?',
      ],
      ['wifi five', 'say: Did you mean a technician visit?'],
      ['human', 'say: Did you want to speak to a person?'],
      // Must not act on lines a noisy line is heard as.
      ['thank thigh ive thought five', `say: ${SUPPORT_DIALOGUE.fallbackReply}`],
      ['my thigh thigh', `say: ${SUPPORT_DIALOGUE.fallbackReply}`],
      ['faith my tenth', `say: ${SUPPORT_DIALOGUE.fallbackReply}`],
    ] as const) {
      assert.equal(next(text), expected, text);
    }
  });
});
