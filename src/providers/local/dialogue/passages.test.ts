import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ChatMessage } from '../../../spec/llm.ts';
import { answerFromPassages, parsePassages, speakableSource } from './passages.ts';

const knowledge: ChatMessage = {
  role: 'system',
  content: [
    'Knowledge passages:',
    '[1] (docs/returns-policy.md) Items can be returned within 30 days of delivery. Refunds reach',
    'your card in five working days.',
    '[2] (shipping.md) We ship to the EU and the UK. Express delivery costs 9 euros.',
  ].join('\n'),
};

describe('knowledge passages', () => {
  it('parses "[n] (source) text" lines and joins continuation lines', () => {
    const passages = parsePassages([{ role: 'system', content: 'You are helpful.' }, knowledge]);
    assert.deepEqual(
      passages.map((passage) => [passage.index, passage.source]),
      [
        [1, 'docs/returns-policy.md'],
        [2, 'shipping.md'],
      ],
    );
    assert.match(passages[0]?.text ?? '', /reach your card in five working days\.$/);
  });

  it('turns a file path into words that can be spoken', () => {
    assert.equal(speakableSource('docs/returns-policy.md'), 'returns policy');
  });

  it('answers with the sentence that best covers the question', () => {
    const answer = answerFromPassages(
      'how much does express delivery cost',
      parsePassages([knowledge]),
    );
    assert.equal(answer?.answer, 'Express delivery costs 9 euros.');
    assert.equal(answer?.source, 'shipping');
  });

  it('finds nothing when no sentence shares the question words', () => {
    assert.equal(answerFromPassages('do you sell bicycles', parsePassages([knowledge])), undefined);
  });

  it('answers no string of numbers from a passage that happens to name one', () => {
    for (const question of ['five', 'eight two two zero nine', '30']) {
      assert.equal(answerFromPassages(question, parsePassages([knowledge])), undefined, question);
    }
  });

  it('still answers a question that names a number beside its words', () => {
    const answer = answerFromPassages('returned in thirty days', parsePassages([knowledge]));
    assert.match(answer?.answer ?? '', /within 30 days/);
  });
});
