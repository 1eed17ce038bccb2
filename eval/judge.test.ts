import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DialogueIntent } from '../src/spec/dialogue.ts';
import { judge } from './judge.ts';
import { formatRates, summarise, type EvalResult } from './report.ts';

const refund: DialogueIntent = {
  name: 'refund',
  examples: ['refund'],
  tool: 'initiate_refund',
  reply: '',
  slots: [{ name: 'order_id', kind: 'digits', required: true }],
};
const expectRefund = { kind: 'tool', tool: 'initiate_refund', args: { order_id: '8220' } } as const;

describe('judging one decision', () => {
  it('counts the right tool with the right arguments as right', () => {
    const call = {
      type: 'call',
      intent: refund,
      toolName: 'initiate_refund',
      args: { order_id: '8220' },
    } as const;
    assert.equal(judge(call, expectRefund, 'en'), 'right');
  });

  it('counts a wrong argument as wrong, even with the right tool', () => {
    const call = {
      type: 'call',
      intent: refund,
      toolName: 'initiate_refund',
      args: { order_id: '8210' },
    } as const;
    assert.equal(judge(call, expectRefund, 'en'), 'wrong');
  });

  it('counts a question for the missing order number as asked', () => {
    const prompt = {
      type: 'say',
      kind: 'prompt',
      text: 'Which order?',
      intent: refund,
      values: {},
    } as const;
    assert.equal(judge(prompt, expectRefund, 'en'), 'asked');
  });

  it('counts a read-back of a wrong value as wrong', () => {
    const confirm = {
      type: 'say',
      kind: 'confirm',
      text: 'Did you mean a refund for order 1 2 3 4?',
      intent: refund,
      values: { order_id: '1234' },
    } as const;
    assert.equal(judge(confirm, expectRefund, 'en'), 'wrong');
  });

  it('matches an expected answer by its words, case-insensitively', () => {
    const answer = { type: 'say', kind: 'retrieval', text: 'Choose Forgot password.' } as const;
    assert.equal(judge(answer, { kind: 'reply', includes: 'forgot password' }, 'en'), 'right');
    assert.equal(judge(answer, { kind: 'reply', includes: 'notice period' }, 'en'), 'wrong');
  });
});

describe('summarising results', () => {
  const result = (voice: string, held: boolean, verdict: EvalResult['verdict']): EvalResult => ({
    agent: 'support',
    voice,
    voiceSplit: held ? 'held-out' : 'tuned',
    phrasingSplit: held ? 'held-out' : 'tuned',
    noisy: false,
    verdict,
    text: '',
    heard: '',
  });

  it('separates held-out from tuned and counts asked as right action', () => {
    const summary = summarise([
      result('flite kal16', false, 'right'),
      result('RHVoice bdl', true, 'asked'),
      result('RHVoice bdl', true, 'wrong'),
    ]);
    const split = summary['held-out vs tuned'] ?? [];
    assert.deepEqual(
      split.map((r) => [r.label, r.right, r.asked, r.total]),
      [
        ['tuned phrasing and voice', 1, 0, 1],
        ['held-out phrasing and voice', 0, 1, 2],
      ],
    );
    assert.match(formatRates('x', split)[2] ?? '', /right action +50 %/);
  });
});
