import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DialogueScript } from '../../../spec/dialogue.ts';
import { decideAfter, describeDecision } from './decide-helpers.ts';
import { keywordsOf, sharedEnumValues } from './distinctive.ts';
import { buildIntentIndex, clearBest, rankIntents } from './intent-matcher.ts';
import { componentSlot, orderIdSlot, readingSlots } from './test-scripts.ts';

/** Two intents that share a keyword's word ("order") and two that share a slot's values (components). */
const script: DialogueScript = {
  fallbackReply: 'Sorry, I did not get that.',
  useRetrieval: true,
  intents: [
    {
      name: 'order_status',
      examples: ['where is my order', 'track my delivery', 'I am still waiting for my order'],
      keywords: ['order', 'delivery'],
      confirm: 'Did you mean the status of order {order_id:digits}?',
      slots: [orderIdSlot],
      tool: 'get_order_status',
      reply: 'On its way.',
    },
    {
      name: 'refund',
      examples: ['I want a refund', 'refund my order', 'I want my money back'],
      keywords: ['refund', 'money back'],
      confirm: 'Did you mean a refund for order {order_id:digits}?',
      slots: [orderIdSlot],
      tool: 'initiate_refund',
      reply: 'Refund started.',
    },
    {
      name: 'reading',
      examples: ['pressure on the pump is', 'the reading on the motor is'],
      keywords: ['reading'],
      confirm: '{component} {quantity} {value}. Correct?',
      alwaysConfirm: true,
      slots: [componentSlot, ...readingSlots],
      tool: 'check_reading',
      reply: 'Checked.',
    },
    {
      name: 'manual',
      examples: ['manual for the pump', 'how do I prime the pump'],
      keywords: ['manual'],
      confirm: 'Manual for {component}?',
      slots: [componentSlot],
      tool: 'query_manual',
      reply: 'Here it is.',
    },
  ],
};
const intent = (name: string) => script.intents.find((candidate) => candidate.name === name);
const next = (...lines: string[]) => describeDecision(decideAfter(script, lines));

describe('what tells one intent from another', () => {
  it('marks a keyword shared when another intent’s examples use its words', () => {
    const keywords = keywordsOf(script.intents);
    for (const [name, expected] of [
      ['order_status', [true, false]],
      ['refund', [false, false]],
    ] as const) {
      const found = script.intents.find((candidate) => candidate.name === name);
      assert.ok(found);
      const shared = (keywords.get(found) ?? []).map((keyword) => keyword.shared);
      assert.deepEqual(shared, expected, name);
    }
  });

  it('finds the enum values two intents both take', () => {
    const shared = sharedEnumValues(script.intents);
    assert.deepEqual([...(shared.get(intent('manual')!) ?? [])], ['PMP-200', 'MTR-450']);
    assert.deepEqual([...(shared.get(intent('refund')!) ?? [])], []);
  });

  it('finds no clear intent when the best two are closer than the margin, or the words barely support it', () => {
    const match = (name: string, score: number, lexical = score) => ({
      intent: intent(name)!,
      score,
      lexical,
    });
    for (const [ranked, expected] of [
      [[match('refund', 0.61), match('order_status', 0.55)], undefined],
      [[match('refund', 0.8), match('order_status', 0.55)], 'refund'],
      [[match('refund', 0.45), match('order_status', 0.1)], undefined],
      [[match('refund', 0.6)], 'refund'],
      // Carried by the embedder alone: sure only when it is very sure.
      [[match('refund', 0.6, 0.1)], undefined],
      [[match('refund', 0.8, 0.1)], 'refund'],
    ] as const) {
      assert.equal(clearBest(ranked, 0.5)?.intent.name, expected, JSON.stringify(ranked));
    }
  });

  it('gives a value several intents take alone no intent, and one with a request its intent', () => {
    const index = buildIntentIndex(script.intents);
    for (const [utterance, best] of [
      ['the pump', undefined],
      ['motor', undefined],
      ['the pump manual', 'manual'],
      ['pressure on the pump is seven', 'reading'],
    ] as const) {
      assert.equal(clearBest(rankIntents(index, utterance), 0.5)?.intent.name, best, utterance);
    }
  });
});

describe('acting only on what tells the request apart', () => {
  it('acts, reads back or says it did not get it as the table says', () => {
    for (const [lines, expected] of [
      // "money … order": the refund's own words outweigh the order's shared one; read back as unsure.
      [
        ['i want my money by for order eight two two zero'],
        'say: Did you mean a refund for order 8 2 2 0?',
      ],
      [['refund order eight two two zero'], 'call initiate_refund {"order_id":"8220"}'],
      [['where is my order eight two two zero'], 'call get_order_status {"order_id":"8220"}'],
      // Must not act: a component alone, or with words that say nothing, is no request.
      [['the pump'], 'say: Sorry, I did not get that.'],
      // Words beside it that match little: at most a question, never an action.
      [['my guild of pump'], 'say: Manual for PMP-200?'],
      [['the motor motor'], 'say: Sorry, I did not get that.'],
      // A request that names the component is still understood.
      [['manual for the motor'], 'call query_manual {"component":"MTR-450"}'],
    ] as const) {
      assert.equal(next(...lines), expected, lines.join(' / '));
    }
  });
});
