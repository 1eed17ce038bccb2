import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { composeAgent } from '../../agent-files/compose.ts';
import type { AgentDefinition } from '../../spec/agent.ts';
import type { AgentStorage } from '../shared/database.ts';
import { TECHNICIAN_DIALOGUE } from './dialogue.ts';
import { IncidentStore } from './incidents.ts';
import { loadManuals } from './manuals.ts';
import { technicianTools } from './tools.ts';
import { TECHNICIAN_VOCABULARY } from './vocabulary.ts';

export { IncidentStore } from './incidents.ts';

/**
 * The field technician's copilot, from this folder's files (prompt.md, tools.ts, dialogue.ts,
 * vocabulary.ts, knowledge/) — the agent `loadAgentFromFiles` loads — with its incident store
 * in hand (for tests).
 */
export function createTechnicianAgent(options: {
  readonly dataDir: string;
  /** Where incidents live; default SQLite in `dataDir` (see agentStorageFromEnv). */
  readonly storage?: AgentStorage;
}): {
  agent: AgentDefinition;
  incidents: IncidentStore;
} {
  const incidents = new IncidentStore(options.storage ?? options.dataDir);
  const agent = composeAgent(
    import.meta.dirname,
    readFileSync(join(import.meta.dirname, 'prompt.md'), 'utf8'),
    {
      tools: technicianTools(loadManuals(join(import.meta.dirname, 'knowledge')), incidents),
      dialogue: TECHNICIAN_DIALOGUE,
      vocabulary: TECHNICIAN_VOCABULARY,
    },
  );
  return { agent, incidents };
}
