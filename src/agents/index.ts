import type { AgentDefinition } from '../spec/agent.ts';
import { createCafeAgent } from './cafe/index.ts';
import { createSupportAgent } from './support/index.ts';
import { createTechnicianAgent } from './technician/index.ts';

export { createCafeAgent } from './cafe/index.ts';
export { createSupportAgent, SupportStore } from './support/index.ts';
export { createTechnicianAgent, IncidentStore } from './technician/index.ts';

/**
 * The three agents. `dataDir` holds their SQLite files (support.sqlite,
 * technician.sqlite), created and seeded on first use.
 */
export function createAgents(env: { dataDir: string }): AgentDefinition[] {
  return [
    createSupportAgent({ dataDir: env.dataDir }).agent,
    createCafeAgent(),
    createTechnicianAgent({ dataDir: env.dataDir }).agent,
  ];
}
