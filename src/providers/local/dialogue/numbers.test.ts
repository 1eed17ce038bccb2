import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DialogueIntent } from '../../../spec/dialogue.ts';
import { extractSlots } from './slots.ts';

const order: DialogueIntent = {
  name: 'order',
  examples: ['order'],
  reply: '',
  slots: [{ name: 'id', kind: 'digits', minDigits: 4, maxDigits: 8 }],
};
const reading: DialogueIntent = {
  name: 'reading',
  examples: ['reading'],
  reply: '',
  slots: [{ name: 'value', kind: 'number' }],
};
const id = (text: string) => extractSlots(order, text)['id'];
const value = (text: string) => extractSlots(reading, text)['value'];

describe('digits as people say them', () => {
  it('drops an "oh" that opens a number only when the rest is long enough', () => {
    assert.equal(id('my order number is oh four five seven one'), '4571');
    assert.equal(id('oh four five seven'), '0457');
    assert.equal(id('four oh five seven'), '4057');
  });

  it('reads "double", grouped pairs and formatted figures', () => {
    assert.equal(id('eight double two oh'), '8220');
    assert.equal(id('eighty two twenty'), '8220');
    assert.equal(id('order 8,220'), '8220');
    assert.equal(id('8 2 2 0'), '8220');
  });

  it('reads a number said with "thousand" as one cardinal, not its parts run together', () => {
    for (const [text, expected] of [
      ['order four thousand five hundred and seventy one', '4571'],
      ['order four thousand five hundred seventy one', '4571'],
      ['order two thousand and five', '2005'],
      ['order eight thousand two hundred twenty', '8220'],
      ['order one two hundred and thirty four', '1234'],
      // Digit by digit and part numbers read as before.
      ['order four five seven one', '4571'],
      ['order four five two hundred', '45200'],
    ] as const) {
      assert.equal(id(text), expected, text);
    }
  });
});

describe('quantities as people say them', () => {
  it('reads hundreds with "and", and the colloquial "one thirty"', () => {
    assert.equal(value('one hundred and thirty'), 130);
    assert.equal(value('one thirty'), 130);
    assert.equal(value('two fifteen'), 215);
  });

  it('reads halves and quarters, a fraction with no whole part, and colloquial thousands', () => {
    for (const [text, expected] of [
      ['seven and a half', 7.5],
      ['two and a quarter', 2.25],
      ['siete y medio', 7.5],
      ['point five', 0.5],
      ['punto cinco', 0.5],
      ['fourteen fifty', 1450],
      ['twelve fifteen', 1215],
      // Unchanged: a whole number alone, and "and" before another word.
      ['seven', 7],
      ['seven and then', 7],
      ['fourteen', 14],
    ] as const) {
      assert.equal(value(text), expected, text);
    }
  });

  it('reads decimals with "double" and formatted thousands', () => {
    assert.equal(value('four point double four'), 4.44);
    assert.equal(value('4,500'), 4500);
    assert.equal(value('seven point two'), 7.2);
  });
});
