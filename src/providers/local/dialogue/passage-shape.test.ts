import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ChatMessage } from '../../../spec/llm.ts';
import { forSpeech, splitHeading } from './passage-shape.ts';
import { answerFromPassages, parsePassages } from './passages.ts';

describe('splitHeading', () => {
  it('splits a question heading path from the body', () => {
    assert.deepEqual(
      splitHeading('Account > How do I reset my password? On the portal login page choose Forgot.'),
      {
        heading: 'Account How do I reset my password?',
        body: 'On the portal login page choose Forgot.',
      },
    );
  });

  it('ends a plain heading at the next capitalised word or list number', () => {
    assert.equal(
      splitHeading('PMP-200 centrifugal pump > Startup 1. Check the valve.').body,
      '1. Check the valve.',
    );
    assert.equal(
      splitHeading('GBX-90 helical gearbox > Maintenance intervals Replace the oil yearly.').body,
      'Replace the oil yearly.',
    );
  });

  it('leaves a body that only mentions a menu path alone', () => {
    const text =
      'Upgrades are available at any time in the portal under Account > Plan and take effect.';
    assert.deepEqual(splitHeading(text), { heading: '', body: text });
  });
});

describe('forSpeech', () => {
  it('reads a menu path aloud and drops markdown marks', () => {
    assert.equal(
      forSpeech('Go to **Account > Plan** - then `Save`.'),
      'Go to Account, then Plan then Save.',
    );
  });
});

describe('answers from the knowledge base', () => {
  const passages: ChatMessage = {
    role: 'system',
    content: [
      'Knowledge passages:',
      '[1] (account.md) Account > How do I reset my password? On the portal login page choose Forgot password and enter your email address. You receive a reset link valid for 30 minutes. If the email does not arrive, check the spam folder.',
      '[2] (account.md) Account > How do I change my plan? Upgrades are available at any time in the portal under Account > Plan.',
    ].join('\n'),
  };

  it('answers with the steps of the section whose heading matches, never the heading path', () => {
    const answer = answerFromPassages('I need to reset my password', parsePassages([passages]));
    assert.equal(
      answer?.answer,
      'On the portal login page choose Forgot password and enter your email address. You receive a reset link valid for 30 minutes.',
    );
  });

  it('reads a section from its start when a word of its heading is all that was heard', () => {
    const steps =
      'On the portal login page choose Forgot password and enter your email address. You receive a reset link valid for 30 minutes.';
    for (const question of ['reset', 'the reset os would', 'reset it']) {
      assert.equal(
        answerFromPassages(question, parsePassages([passages]))?.answer,
        steps,
        question,
      );
    }
  });

  it('still answers with the sentence that says more than the heading', () => {
    const answer = answerFromPassages('spam folder email', parsePassages([passages]));
    assert.equal(answer?.answer, 'If the email does not arrive, check the spam folder.');
  });

  it('reads "need" and "want" as asking, not as what is asked about', () => {
    const outage: ChatMessage = {
      role: 'system',
      content: [
        'Knowledge passages:',
        '[1] (outages.md) Outages > No internet. If the LOS light is red, the fibre signal is lost and you need a technician.',
        passages.content.split('\n')[1] ?? '',
      ].join('\n'),
    };
    const answer = answerFromPassages('i need to reset my last one', parsePassages([outage]));
    assert.match(answer?.answer ?? '', /^On the portal login page/);
  });
});
