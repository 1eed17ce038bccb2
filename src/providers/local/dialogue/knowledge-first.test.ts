import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DialogueScript } from '../../../spec/dialogue.ts';
import type { ChatMessage } from '../../../spec/llm.ts';
import { decide } from './decide.ts';
import { describeDecision } from './decide-helpers.ts';
import { buildIntentIndex } from './intent-matcher.ts';
import { answerFromPassages, parsePassages } from './passages.ts';

/** Sections as the chunker gives them: heading path first, then the body. */
const knowledge: ChatMessage = {
  role: 'system',
  content: [
    'Knowledge passages:',
    '[1] (refunds.md) Refunds > How long does a refund take? Approved refunds are paid within five days.',
    '[2] (outages.md) Outages > Will I be compensated for an outage? Yes, outages longer than a day are credited.',
    '[3] (visits.md) Visits > What should I prepare? Make sure an adult is home. A late cancellation costs 25 euros.',
    '[4] (account.md) Account > How do I reset my password? Choose Forgot password. The link is valid for 30 minutes.',
  ].join('\n'),
};

const script: DialogueScript = {
  fallbackReply: 'Sorry, I did not get that.',
  useRetrieval: true,
  retrievalReply: '{answer}',
  intents: [
    {
      name: 'refund',
      examples: ['I want a refund', 'refund my order', 'how do I get a refund'],
      keywords: ['refund'],
      slots: [
        {
          name: 'order_id',
          kind: 'digits',
          minDigits: 4,
          required: true,
          prompt: 'Which order number?',
        },
      ],
      tool: 'initiate_refund',
      reply: 'Refund started.',
    },
    {
      name: 'technician',
      examples: ['I need a technician', 'my internet is not working', 'send an engineer'],
      keywords: ['technician', 'internet'],
      confirm: 'Did you mean a technician visit?',
      tool: 'schedule_technician',
      reply: 'Booked.',
    },
  ],
};
const context = { script, index: buildIntentIndex(script.intents), language: 'en-US' };
const next = (text: string) =>
  describeDecision(decide(context, [knowledge, { role: 'user', content: text }]));

describe('answers from the knowledge base, and only to what was asked', () => {
  it('answers no misheard line that meets a passage by one word of its body', () => {
    for (const heard of [
      'its an adult would yep',
      'the cost would',
      'i need a minute',
      'you two top my house',
      'i do hope that we have a thick thighs',
    ]) {
      assert.equal(answerFromPassages(heard, parsePassages([knowledge])), undefined, heard);
    }
  });

  it('still answers a question put as one, a word of a heading, or two words of a section', () => {
    for (const [question, answer] of [
      ['how long do refunds take', /^Approved refunds/],
      ['reset', /^Choose Forgot password/],
      ['outage credited', /^Yes, outages/],
    ] as const) {
      assert.match(answerFromPassages(question, parsePassages([knowledge]))?.answer ?? '', answer);
    }
  });

  it('answers a question about a topic instead of acting on the topic’s intent', () => {
    for (const [text, expected] of [
      ['how long does a refund take', 'say: Approved refunds are paid within five days.'],
      ['will i be compensated for the outage', 'say: Yes, outages longer than a day are credited.'],
      // Requests the intent's own words say stay requests.
      ['i want a refund for order 8220', 'call initiate_refund {"order_id":"8220"}'],
      ['my internet is not working', 'call schedule_technician {}'],
      ['i need a technician', 'call schedule_technician {}'],
    ] as const) {
      assert.equal(next(text), expected, text);
    }
  });
});

describe('acting only on a request the words support', () => {
  // An embedder finds a nearest example for anything: here every line is 0.6 like the technician's.
  const embedder = () => new Map([[script.intents[1]!, 0.6]]);
  const meaning = { ...context, index: buildIntentIndex(script.intents, embedder) };
  const decideOn = (text: string) =>
    describeDecision(decide(meaning, [{ role: 'user', content: text }]));

  it('reads back, or says it did not get, what only the embedder matched', () => {
    for (const [text, expected] of [
      ['so if on', 'say: Did you mean a technician visit?'],
      ['tell me a job', 'say: Did you mean a technician visit?'],
      ['send an engineer', 'call schedule_technician {}'],
      ['my internet is not working', 'call schedule_technician {}'],
    ] as const) {
      assert.equal(decideOn(text), expected, text);
    }
  });

  it('reads back a one-word request for an intent that acts at once', () => {
    for (const [text, expected] of [
      ['internet', 'say: Did you mean a technician visit?'],
      ['the internet five', 'say: Did you mean a technician visit?'],
      ['technician please', 'say: Did you mean a technician visit?'],
      ['i need a technician', 'call schedule_technician {}'],
      // An intent with a value to ask for asks for it.
      ['refund', 'say: Which order number?'],
    ] as const) {
      assert.equal(next(text), expected, text);
    }
  });
});
