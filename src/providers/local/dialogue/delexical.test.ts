import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DialogueSlot } from '../../../spec/dialogue.ts';
import { withoutValues } from './delexical.ts';
import { tokenize } from './normalize.ts';

const item: DialogueSlot = {
  name: 'item',
  kind: 'enum',
  values: ['café con leche', 'café', 'cruasán'],
  synonyms: { cruasán: ['croissant'] },
  required: true,
};
const words = (text: string) =>
  withoutValues(tokenize(text), [item])
    .map((token) => token.text)
    .join(' ');

describe('slot values taken out of a phrase', () => {
  it('stands one marker for each value named, the longest value first', () => {
    for (const [text, expected] of [
      ['un cruasán', 'un <item>'],
      ['un croissant por favor', 'un <item> por favor'],
      ['un café con leche y un café', 'un <item> y un <item>'],
      ['una cerveza', 'una cerveza'],
    ] as const) {
      assert.equal(words(text), expected, text);
    }
  });
});
