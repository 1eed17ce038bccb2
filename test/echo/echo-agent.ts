import { DEMO_AGENT } from '../../src/server/demo-agent.ts';
import type { AgentDefinition } from '../../src/spec/agent.ts';

export const SHORT_REPLY = 'We are open from seven until nine, every day.';
export const LONG_REPLY =
  'We open at seven in the morning on weekdays and at eight on weekends, and we close at nine in the evening, except on holidays when we close at noon.';
export const SHORT_QUESTION = 'when are you open';
export const LONG_QUESTION = 'tell me all the hours';

/** The demo agent without a greeting, with one short and one long reply. */
export const ECHO_AGENT: AgentDefinition = {
  ...DEMO_AGENT,
  greeting: undefined,
  vocabulary: {
    phrases: ['what time do you open', 'what time do you close', 'stop', 'thank you'],
  },
  dialogue: {
    intents: [
      { name: 'hours', examples: [SHORT_QUESTION], reply: SHORT_REPLY },
      { name: 'details', examples: [LONG_QUESTION], reply: LONG_REPLY },
      { name: 'close', examples: ['what time do you close'], reply: 'We close at nine.' },
    ],
    fallbackReply: 'I can only tell you our opening hours.',
  },
};
