import type { AgentDefinition } from '../../spec/agent.ts';
import { CAFE_DIALOGUE } from './dialogue.ts';
import { CAFE_PROMPT } from './prompt.ts';
import { cafeTools } from './tools.ts';
import { CAFE_VOCABULARY } from './vocabulary.ts';

/** Spanish role-play: a grumpy waiter in a Madrid café. */
export function createCafeAgent(): AgentDefinition {
  return {
    id: 'cafe',
    name: 'Café Madrid',
    description: 'Practise ordering in Spanish with a grumpy Madrid waiter.',
    language: 'es-ES',
    systemPrompt: CAFE_PROMPT,
    tools: cafeTools(),
    ui: { page: 'agent-cafe.html', title: 'Café Paco, Madrid', accentColor: '#b5651d' },
    greeting: 'Buenos días. ¿Qué le pongo?',
    // A gruff Madrid waiter; Deepgram's Spanish Aura-2 voice, multilingual voices elsewhere.
    voice: {
      byProvider: {
        local: 'es',
        openai: 'onyx',
        elevenlabs: 'JBFqnCBsd6RMkjVDRZzb',
        deepgram: 'aura-2-nestor-es',
      },
      description: { language: 'es-ES', gender: 'male', style: 'gruff deep' },
      speakingRate: 0.9,
    },
    inputMode: 'vad',
    interruption: { backchannels: ['sí', 'ya', 'vale', 'aja', 'mhm'] },
    vocabulary: CAFE_VOCABULARY,
    dialogue: CAFE_DIALOGUE,
  };
}
