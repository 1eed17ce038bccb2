import type { AgentDefinition } from '../../src/index.ts';

/** The reply the scenarios talk over: about five seconds of espeak-ng speech. */
export const LONG_REPLY =
  'We have three plans. Basic costs ten euros a month, family twenty five, and business forty.';
export const TRIGGER_TEXT = 'tell me about your plans';

/**
 * A small support desk written the way a user of Parley writes an agent: a prompt, an
 * offline script and the phrases the recogniser should expect. Its replies are short so
 * the scenarios stay quick, except the one about plans, which the scenarios talk over.
 */
export const DESK_AGENT: AgentDefinition = {
  id: 'desk',
  name: 'Scenario desk',
  description: 'Plans, order numbers and phone numbers',
  language: 'en-US',
  systemPrompt: 'You are a phone support desk. Answer briefly.',
  tools: [],
  ui: { page: 'index.html', title: 'Desk' },
  voice: { byProvider: { local: 'en-us' }, speakingRate: 1 },
  inputMode: 'vad',
  vocabulary: {
    phrases: [
      'tell me about your plans',
      'my order number is {digits}',
      'my phone number is {digits}',
      '{digits}',
    ],
  },
  dialogue: {
    fallbackReply: 'Sorry, I can help with plans, orders and phone numbers.',
    intents: [
      {
        name: 'plans',
        examples: ['tell me about your plans', 'what plans do you have', 'how much is a plan'],
        reply: LONG_REPLY,
      },
      {
        name: 'order',
        examples: ['my order number is', 'order number', 'check my order'],
        slots: [
          {
            name: 'order_id',
            kind: 'digits',
            minDigits: 4,
            maxDigits: 10,
            required: true,
            prompt: 'Which order number?',
          },
        ],
        reply: 'Order {order_id:digits}, noted.',
      },
      {
        name: 'phone',
        examples: ['my phone number is', 'phone number', 'call me back on'],
        slots: [
          {
            name: 'phone',
            kind: 'digits',
            minDigits: 7,
            maxDigits: 12,
            required: true,
            prompt: 'Which phone number?',
          },
        ],
        reply: 'I have {phone:digits}.',
      },
    ],
  },
};
