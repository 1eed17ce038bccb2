import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DialogueIntent } from '../../../spec/dialogue.ts';
import { decideAfter, describeDecision } from './decide-helpers.ts';
import { readSlots } from './slots.ts';
import { confirmingScript } from './test-scripts.ts';

const intent = (name: string): DialogueIntent => {
  const found = confirmingScript.intents.find((candidate) => candidate.name === name);
  assert.ok(found, name);
  return found;
};
const next = (...lines: string[]) => describeDecision(decideAfter(confirmingScript, lines));

describe('values read with a doubt', () => {
  it('leaves out an "oh" after a complete number, but doubts it (it may be a zero)', () => {
    for (const [text, value, doubtful] of [
      ['refund order eight two two zero oh', '8220', true],
      ['order eight two two zero', '8220', false],
      ['my order number is oh four five seven one', '4571', false],
      ['order four five seven oh', '4570', false],
      ['order eight two oh oh one', '82001', false],
    ] as const) {
      const reading = readSlots(intent('refund'), text);
      assert.equal(reading.values['order_id'], value, text);
      assert.equal(reading.doubtful.has('order_id'), doubtful, text);
    }
  });

  it('doubts a quantity run into another number with no word between them', () => {
    for (const [text, value, doubtful] of [
      ['motor temperature one hundred ten thirty', 110, true],
      ['motor temperature one hundred zero thirty', 100, true],
      ['pump pressure seven one two four', 7, true],
      ['motor temperature one hundred and thirty', 130, false],
      ['pump pressure seven point two', 7.2, false],
      ['motor temperature forty two hundred', 4200, false],
      ['pump pressure minus four', -4, false],
      ['pump pressure 7.2 at 3 pm', 7.2, false],
    ] as const) {
      const reading = readSlots(intent('reading'), text);
      assert.equal(reading.values['value'], value, text);
      assert.equal(reading.doubtful.has('value'), doubtful, text);
    }
  });
});

describe('when unsure, the engine reads back or asks instead of acting', () => {
  const readBack = 'Did you mean a refund for order 8 2 2 0?';
  const askAgain = 'Say again. Value?';

  it('acts on each turn as the table says', () => {
    for (const [lines, expected] of [
      // A doubtful order number is read back; "yes" acts on it, "no" with a number corrects it.
      [['i want a refund for order eight two two zero oh'], `say: ${readBack}`],
      [
        ['i want a refund for order eight two two zero oh', readBack, 'yes'],
        'call initiate_refund {"order_id":"8220"}',
      ],
      [
        [
          'i want a refund for order eight two two zero oh',
          readBack,
          'no, eight two two zero zero',
        ],
        'call initiate_refund {"order_id":"82200"}',
      ],
      // The same for an order number given in answer to its question.
      [['i want a refund', 'Which order number?', 'eight two two zero oh'], `say: ${readBack}`],
      // A clear number is acted on at once.
      [
        ['i want a refund for order eight two two zero'],
        'call initiate_refund {"order_id":"8220"}',
      ],
      // A safety value run into another number is asked for again, never read back.
      [['temperature on the motor is one hundred ten thirty'], `say: ${askAgain}`],
      [
        ['temperature on the motor is one hundred ten thirty', askAgain, 'one hundred and thirty'],
        'say: MTR-450 temperature 130. Correct?',
      ],
      // A second value that cannot be read after "Say again." hands over.
      [
        ['temperature on the motor is one hundred ten thirty', askAgain, 'ten thirty'],
        `say: ${confirmingScript.escalationReply}`,
      ],
      [
        ['temperature on the motor is one hundred and thirty'],
        'say: MTR-450 temperature 130. Correct?',
      ],
    ] as const) {
      assert.equal(next(...lines), expected, lines.join(' / '));
    }
  });

  it('never reads back a question with a value it did not hear ("a refund for order?")', () => {
    for (const text of [
      'refund',
      'the weather is nice today',
      'thigh',
      'five',
      'my cat likes fish',
      'what is the reading',
    ]) {
      const decision = decideAfter(confirmingScript, [text]);
      const said = decision.type === 'say' ? decision.text : '';
      assert.doesNotMatch(said, /order\?|^\s*\.|^[\d.]*\. Correct\?/, text);
      if (decision.type === 'say' && decision.kind === 'confirm') {
        assert.ok(!/\{|\s\?|^\./.test(said), `${text} → ${said}`);
      }
    }
  });

  it('says sorry to unrelated sentences, then hands over on the second miss', () => {
    for (const text of ['the weather is nice today', 'thigh', 'my cat likes fish', 'blue']) {
      assert.equal(next(text), `say: ${confirmingScript.fallbackReply}`, text);
      assert.equal(
        next('what', confirmingScript.fallbackReply, text),
        `say: ${confirmingScript.escalationReply}`,
        text,
      );
    }
  });
});
