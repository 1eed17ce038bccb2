import { join } from 'node:path';
import { loadAgentFromFiles } from '../agent-files/load-agent.ts';
import type { AgentDefinition } from '../spec/agent.ts';

export { createCafeAgent } from './cafe/index.ts';
export { createClinicHindiAgent } from './clinic-hindi/index.ts';
export { createSupportAgent, SupportStore } from './support/index.ts';
export { createTechnicianAgent, IncidentStore } from './technician/index.ts';

/** The shipped agents' folders, each in the form a user writes: prompt.md, tools.ts, extras. */
export const SHIPPED_AGENTS = ['support', 'cafe', 'technician'] as const;
/** Served only with Indian-language speech (Sarvam): it has no offline engine. */
const INDIAN_LANGUAGE_AGENTS = ['clinic-hindi'] as const;

/** The folder of a shipped agent. */
export const shippedAgentDir = (
  id: (typeof SHIPPED_AGENTS)[number] | (typeof INDIAN_LANGUAGE_AGENTS)[number],
): string => join(import.meta.dirname, id);

/**
 * The three agents, loaded from their files exactly as `parley dev` loads a user's, and the
 * Hindi clinic example (also files) when `withIndianLanguages` (the server sets it when SARVAM_API_KEY is
 * set: it has no offline engine). `dataDir` holds their SQLite files (support.sqlite,
 * technician.sqlite), created and seeded on first use.
 */
export async function createAgents(env: {
  dataDir: string;
  withIndianLanguages?: boolean;
  log?: (line: string) => void;
}): Promise<AgentDefinition[]> {
  const options = { dataDir: env.dataDir, ...(env.log && { log: env.log }) };
  const agents: AgentDefinition[] = [];
  for (const id of [...SHIPPED_AGENTS, ...(env.withIndianLanguages ? INDIAN_LANGUAGE_AGENTS : [])])
    agents.push(await loadAgentFromFiles(shippedAgentDir(id), options));
  return agents;
}
