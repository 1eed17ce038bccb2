import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DialogueIntent } from '../../../spec/dialogue.ts';
import { extractSlots, missingSlot } from './slots.ts';
import { cafeScript, supportScript } from './test-scripts.ts';

function intentNamed(intents: readonly DialogueIntent[], name: string): DialogueIntent {
  const intent = intents.find((candidate) => candidate.name === name);
  assert.ok(intent, `no intent ${name}`);
  return intent;
}

const order = intentNamed(supportScript.intents, 'order_status');
const fault = intentNamed(supportScript.intents, 'report_fault');
const temperature = intentNamed(supportScript.intents, 'set_temperature');
const drink = intentNamed(cafeScript.intents, 'pedir');
const cafeOrder = intentNamed(cafeScript.intents, 'estado_pedido');

describe('digit slots', () => {
  it('reads a number dictated digit by digit in words', () => {
    assert.deepEqual(extractSlots(order, 'it is four five seven one'), { order_id: '4571' });
  });

  it('reads digits given as figures with spaces between them', () => {
    assert.deepEqual(extractSlots(order, '4 5 7 1'), { order_id: '4571' });
  });

  it('reads "oh" as zero and "double five" as two fives, keeping the leading zero', () => {
    assert.deepEqual(extractSlots(order, 'oh double five seven'), { order_id: '0557' });
  });

  it('reads Spanish digit words', () => {
    assert.deepEqual(extractSlots(cafeOrder, 'cuatro cinco siete uno'), { numero: '4571' });
  });

  it('does not take the word "for" before the digits as a four', () => {
    assert.deepEqual(extractSlots(order, "I'm looking for four five seven one"), {
      order_id: '4571',
    });
  });

  it('takes a misheard "for" as four when the number would be too short without it', () => {
    assert.deepEqual(extractSlots(order, 'for five seven one'), { order_id: '4571' });
  });

  it('reads digits spoken in pairs such as "forty five seventy one"', () => {
    assert.deepEqual(extractSlots(order, 'forty five seventy one'), { order_id: '4571' });
  });

  it('ignores a run with more digits than the slot allows', () => {
    assert.deepEqual(extractSlots(order, 'one two three four five six seven eight nine'), {});
  });
});

describe('number slots', () => {
  const cases: [string, number][] = [
    ['seventy two point five', 72.5],
    ['ninety five', 95],
    ['3.5', 3.5],
    ['make it one hundred and five', 105],
    ['minus four', -4],
  ];
  for (const [utterance, expected] of cases) {
    it(`reads "${utterance}" as ${expected}`, () => {
      assert.deepEqual(extractSlots(temperature, utterance), { degrees: expected });
    });
  }

  it('reads a Spanish decimal with "coma"', () => {
    assert.deepEqual(extractSlots(drink, 'siete coma dos cortados'), {
      bebida: 'cortado',
      cantidad: 7.2,
    });
  });
});

describe('enum slots', () => {
  it('finds a component id spelled letter by letter and digit by digit', () => {
    assert.equal(extractSlots(fault, 'the P M P two zero zero')['component'], 'PMP-200');
  });

  it('finds a component id from the alias the script gives', () => {
    assert.equal(extractSlots(fault, 'the pump two hundred is leaking')['component'], 'PMP-200');
  });

  it('maps a synonym onto its value', () => {
    assert.equal(extractSlots(fault, "it's urgent")['severity'], 'critical');
  });

  it('finds a Spanish multi-word value and the quantity beside it', () => {
    assert.deepEqual(extractSlots(drink, 'me pones dos cafés con leche'), {
      bebida: 'café con leche',
      cantidad: 2,
    });
  });
});

describe('text slots and missing slots', () => {
  const message: DialogueIntent = {
    name: 'leave_message',
    examples: ['leave a message'],
    slots: [
      { name: 'note', kind: 'text', markers: ['saying'], required: true, prompt: 'Go ahead.' },
    ],
    reply: 'Noted: {note}',
  };

  it('takes the words after a marker as the text slot', () => {
    assert.deepEqual(extractSlots(message, 'leave a message saying the door is open.'), {
      note: 'the door is open',
    });
  });

  it('takes the whole utterance when the text slot was asked for', () => {
    assert.deepEqual(extractSlots(message, 'The Door Is Open', 'note'), {
      note: 'The Door Is Open',
    });
  });

  it('names the first required slot that is still missing', () => {
    assert.equal(missingSlot(fault, { component: 'PMP-200' })?.name, 'severity');
  });
});
