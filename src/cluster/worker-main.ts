import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createSession } from '../conversation/index.ts';
import { loadAgentResources } from '../server/agent-resources.ts';
import { DEMO_AGENT } from '../server/demo-agent.ts';
import { modelsFromEnv } from '../server/models-from-env.ts';
import type { AgentDefinition } from '../spec/agent.ts';
import { runWorkerProcess } from './run-worker-process.ts';

/** `npm run worker` (`parley worker`): one worker process; see docs/deploy.md for its env. */
const root = join(import.meta.dirname, '../..');
const dataDir = process.env['PARLEY_DATA_DIR'] ?? join(root, '.data');

async function loadAgents(): Promise<readonly AgentDefinition[]> {
  const registry = join(root, 'src/agents/index.ts');
  if (!existsSync(registry)) return [DEMO_AGENT];
  const module = (await import(registry)) as {
    createAgents(env: { dataDir: string }): Promise<AgentDefinition[]>;
  };
  // Business data (orders, refunds) goes to the cluster's PostgreSQL when PARLEY_DATABASE_URL
  // names it (the agents' tools read agentStorageFromEnv), so every worker sees it.
  return module.createAgents({ dataDir });
}

const agents = await loadAgents();
const resources = await loadAgentResources(agents, { dataDir, log: console.log });
await runWorkerProcess({
  agents,
  makeModels: modelsFromEnv(process.env),
  createSession,
  agentSessionOptions: (agent) => resources.sessionOptionsFor(agent),
  dataDir,
  closeResources: () => resources.close(),
});
