import type { AgentDefinition } from '../spec/agent.ts';

/** Served when src/agents has no registry yet, so `npm start` always has something to talk to. */
export const DEMO_AGENT: AgentDefinition = {
  id: 'demo',
  name: 'Demo',
  description: 'A small offline demo that knows the opening hours.',
  language: 'en-US',
  systemPrompt: 'You tell people when the shop is open. Be brief.',
  tools: [],
  ui: { page: 'agent.html', title: 'Parley demo' },
  greeting: 'Hello! Ask me when we are open.',
  vocabulary: {
    phrases: ['what time do you open', 'what time do you close', 'thank you', 'goodbye'],
  },
  dialogue: {
    intents: [
      {
        name: 'hours',
        examples: ['what time do you open', 'what time do you close', 'when are you open'],
        reply: 'We are open from seven in the morning until nine in the evening.',
      },
      { name: 'thanks', examples: ['thank you', 'goodbye'], reply: 'You are welcome. Goodbye!' },
    ],
    fallbackReply: 'I can only tell you our opening hours.',
  },
};
