import type { AgentDefinition } from '../../index.ts';

/**
 * Push-to-talk on a phone. A handset has no talk button, and Twilio and Telnyx report a key
 * only once it is released, so holding a key cannot stand for holding a button. Instead the
 * star key toggles: `*` opens the microphone (the session's `pttDown`), the next `*` — or `#`,
 * the usual "done" key — closes it and ends the turn (`pttUp`). Speech outside a press is not
 * heard, as in the browser: that is what push-to-talk is for (a technician beside loud
 * machinery). Other keys, and `#` while the microphone is closed, stay keypad entries.
 */
export const PHONE_TALK_KEY = '*';
export const PHONE_DONE_KEY = '#';

/** How a push-to-talk agent tells a caller to use the star key, by language (en by default). */
const TALK_KEY_INSTRUCTIONS: Readonly<Record<string, string>> = {
  en: 'Press star to talk, and star again when you are done.',
  es: 'Pulse asterisco para hablar, y asterisco otra vez al terminar.',
};

export function isPushToTalk(agent: AgentDefinition): boolean {
  return agent.inputMode === 'push-to-talk';
}

/**
 * The agent as a phone call meets it. A caller hears nothing until the agent speaks, so an
 * agent without a greeting says its name; a push-to-talk agent adds how to talk with the
 * star key. Voice agents with a greeting are unchanged.
 */
export function phoneAgent(agent: AgentDefinition): AgentDefinition {
  if (agent.greeting && !isPushToTalk(agent)) return agent;
  const opening = agent.greeting ?? `${agent.name.replace(/[.!?]?$/, '.')}`;
  if (!isPushToTalk(agent)) return { ...agent, greeting: opening };
  const language = agent.language.split('-')[0]!.toLowerCase();
  const instruction = TALK_KEY_INSTRUCTIONS[language] ?? TALK_KEY_INSTRUCTIONS['en']!;
  return { ...agent, greeting: `${opening} ${instruction}` };
}
