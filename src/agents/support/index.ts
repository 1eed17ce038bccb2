import { join } from 'node:path';
import type { AgentDefinition } from '../../spec/agent.ts';
import type { AgentStorage } from '../shared/database.ts';
import { SUPPORT_DIALOGUE } from './dialogue.ts';
import { SUPPORT_PROMPT } from './prompt.ts';
import { SupportStore } from './store.ts';
import { supportTools, type SupportToolOptions } from './tools.ts';
import { SUPPORT_VOCABULARY } from './vocabulary.ts';

export { SupportStore } from './store.ts';

export interface SupportAgentOptions extends SupportToolOptions {
  readonly dataDir: string;
  /** Where orders and refunds live; default SQLite in `dataDir` (see agentStorageFromEnv). */
  readonly storage?: AgentStorage;
}

/** Customer support for a telco: orders, refunds, technician visits, escalation. */
export function createSupportAgent(options: SupportAgentOptions): {
  agent: AgentDefinition;
  store: SupportStore;
} {
  const store = new SupportStore(options.storage ?? options.dataDir);
  const agent: AgentDefinition = {
    id: 'support',
    name: 'Customer support',
    description: 'Orders, refunds and technician visits for Parley Telecom.',
    language: 'en-US',
    systemPrompt: SUPPORT_PROMPT,
    tools: supportTools(store, options),
    ui: { page: 'agent-support.html', title: 'Parley Telecom support', accentColor: '#1f6feb' },
    greeting: 'Parley Telecom support. How can I help?',
    voice: {
      byProvider: {
        local: 'en-us',
        openai: 'coral',
        elevenlabs: '21m00Tcm4TlvDq8ikWAM',
        deepgram: 'aura-2-helena-en',
      },
      description: { gender: 'female', style: 'warm friendly' },
      speakingRate: 1,
    },
    inputMode: 'vad',
    filler: { thresholdMs: 300, phrases: ['One moment.'] },
    vocabulary: SUPPORT_VOCABULARY,
    dialogue: SUPPORT_DIALOGUE,
    knowledgeDir: join(import.meta.dirname, 'knowledge'),
  };
  return { agent, store };
}
