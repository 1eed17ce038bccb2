import type { AgentDefinition } from '../spec/agent.ts';
import type { AgentStorage } from './shared/database.ts';
import { createCafeAgent } from './cafe/index.ts';
import { createClinicHindiAgent } from './clinic-hindi/index.ts';
import { createSupportAgent } from './support/index.ts';
import { createTechnicianAgent } from './technician/index.ts';

export { createCafeAgent } from './cafe/index.ts';
export { createClinicHindiAgent } from './clinic-hindi/index.ts';
export { createSupportAgent, SupportStore } from './support/index.ts';
export { createTechnicianAgent, IncidentStore } from './technician/index.ts';

/**
 * The three agents, and the Hindi clinic example when `withIndianLanguages` (the server sets
 * it when SARVAM_API_KEY is set: it has no offline engine). `dataDir` holds their SQLite files
 * (support.sqlite, technician.sqlite), created and seeded on first use.
 */
export function createAgents(env: {
  dataDir: string;
  withIndianLanguages?: boolean;
  /** Where business data lives when not SQLite in `dataDir` (PostgreSQL in a cluster). */
  storage?: AgentStorage;
}): AgentDefinition[] {
  return [
    createSupportAgent({ dataDir: env.dataDir, ...(env.storage && { storage: env.storage }) })
      .agent,
    createCafeAgent(),
    createTechnicianAgent({ dataDir: env.dataDir, ...(env.storage && { storage: env.storage }) })
      .agent,
    ...(env.withIndianLanguages ? [createClinicHindiAgent()] : []),
  ];
}
