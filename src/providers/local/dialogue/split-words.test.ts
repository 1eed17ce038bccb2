import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildIntentIndex, matchIntent, DEFAULT_MATCH_THRESHOLD } from './intent-matcher.ts';
import { joinSplitWords, stemsOf, tokenize } from './normalize.ts';
import { answerFromPassages, parsePassages } from './passages.ts';
import { confirmingScript } from './test-scripts.ts';

const vocabulary = stemsOf([
  'I want a refund',
  'reset your password',
  'the technician',
  'for ever',
]);
const joined = (text: string) =>
  joinSplitWords(tokenize(text), vocabulary)
    .map((token) => token.text)
    .join(' ');

describe('words a recogniser split in two', () => {
  it('are joined when together they make a word the script uses', () => {
    for (const [heard, words] of [
      ['i want a re fund', 'i want a refund'],
      ['reset my pass word', 'reset my password'],
      ['send a tech nician', 'send a technician'],
      ['re funds please', 'refunds please'],
    ] as const) {
      assert.equal(joined(heard), words, heard);
    }
  });

  it('are left apart when each is a word of its own, a figure, or the join is no word of the script', () => {
    for (const heard of ['for ever', 'pass 4', 'the cat sat', 'a b', 're fun']) {
      assert.equal(joined(heard), heard, heard);
    }
  });

  it('let a split keyword find its intent, and a split word find its passage', () => {
    const index = buildIntentIndex(confirmingScript.intents);
    const match = matchIntent(
      index,
      'i want a re fund for order eight two two zero',
      DEFAULT_MATCH_THRESHOLD,
    );
    assert.equal(match?.intent.name, 'refund');
    const passages = parsePassages([
      {
        role: 'system',
        content:
          'Knowledge passages:\n[1] (account.md) Account > How do I reset my password? Choose Forgot password on the login page.',
      },
    ]);
    assert.equal(
      answerFromPassages('my pass word', passages)?.answer,
      'Choose Forgot password on the login page.',
    );
  });
});
