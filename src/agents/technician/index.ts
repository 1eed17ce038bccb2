import { join } from 'node:path';
import type { AgentDefinition } from '../../spec/agent.ts';
import type { AgentStorage } from '../shared/database.ts';
import { TECHNICIAN_DIALOGUE } from './dialogue.ts';
import { IncidentStore } from './incidents.ts';
import { loadManuals } from './manuals.ts';
import { TECHNICIAN_PROMPT } from './prompt.ts';
import { technicianTools } from './tools.ts';
import { TECHNICIAN_VOCABULARY } from './vocabulary.ts';

export { IncidentStore } from './incidents.ts';

const KNOWLEDGE_DIR = join(import.meta.dirname, 'knowledge');

/** The field technician's copilot: manuals, safety-range alerts, incident reports; push-to-talk. */
export function createTechnicianAgent(options: {
  readonly dataDir: string;
  /** Where incidents live; default SQLite in `dataDir` (see agentStorageFromEnv). */
  readonly storage?: AgentStorage;
}): {
  agent: AgentDefinition;
  incidents: IncidentStore;
} {
  const incidents = new IncidentStore(options.storage ?? options.dataDir);
  const agent: AgentDefinition = {
    id: 'technician',
    name: 'Technician copilot',
    description: 'Manuals, safe ranges and incident reports, hands-free by push-to-talk.',
    language: 'en-US',
    systemPrompt: TECHNICIAN_PROMPT,
    tools: technicianTools(loadManuals(KNOWLEDGE_DIR), incidents),
    ui: { page: 'agent-technician.html', title: 'Technician copilot', accentColor: '#f2a900' },
    voice: {
      byProvider: {
        local: 'en-us',
        openai: 'ash',
        elevenlabs: 'TX3LPaxmHKxFdv7VOQHJ',
        deepgram: 'aura-2-apollo-en',
      },
      description: { gender: 'male', style: 'brisk clear' },
      speakingRate: 1.1,
    },
    inputMode: 'push-to-talk',
    vocabulary: TECHNICIAN_VOCABULARY,
    dialogue: TECHNICIAN_DIALOGUE,
    knowledgeDir: KNOWLEDGE_DIR,
  };
  return { agent, incidents };
}
