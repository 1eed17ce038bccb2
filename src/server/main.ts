import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createSession } from '../session/index.ts';
import type { AgentDefinition } from '../spec/agent.ts';
import { DEMO_AGENT } from './demo-agent.ts';
import { loadAgentResources } from './agent-resources.ts';
import { describeModelChoice, modelsFromEnv } from './models-from-env.ts';
import { createServer } from './server.ts';
import { telephonyFromEnv } from '../transport/telephony/index.ts';
import type { TelephonyMount } from '../transport/telephony/index.ts';

/** `npm start`: the offline Parley server on http://127.0.0.1:8787 (PORT, HOST, PARLEY_TOKEN). */
const root = join(import.meta.dirname, '../..');
const staticDir = join(root, 'web/dist');
const dataDir = process.env['PARLEY_DATA_DIR'] ?? join(root, '.data');
const host = process.env['HOST'] ?? '127.0.0.1';
const port = Number(process.env['PORT'] ?? 8787);
const loopback = host === '127.0.0.1' || host === 'localhost' || host === '::1';
const token =
  process.env['PARLEY_TOKEN'] ?? (loopback ? undefined : randomBytes(16).toString('hex'));

async function loadAgents(): Promise<readonly AgentDefinition[]> {
  const registry = join(root, 'src/agents/index.ts');
  if (!existsSync(registry)) return [DEMO_AGENT];
  const module = (await import(registry)) as {
    createAgents(env: { dataDir: string }): AgentDefinition[];
  };
  return module.createAgents({ dataDir });
}

if (!existsSync(join(staticDir, 'app.js'))) {
  console.log('parley: building the web client…');
  await promisify(execFile)(process.execPath, [join(root, 'scripts/build-web.mjs')]);
}

const makeModels = modelsFromEnv(process.env);
const agents = await loadAgents();
const resources = await loadAgentResources(agents, { dataDir, log: console.log });
const phone = telephonyFromEnv(process.env, agents, host);
let telephony: TelephonyMount | undefined;
const server = createServer({
  host,
  port,
  agents,
  makeModels,
  agentSessionOptions: (agent) => resources.sessionOptionsFor(agent),
  createSession,
  staticDir,
  ...(token === undefined ? {} : { token }),
  telephony: (openSession) => (telephony = phone(openSession)),
});
const url = await server.listen();
const { sipPort } = await telephony!.ready;
console.log(
  `parley: phone: POST ${url}/twilio/voice, ${url}/telnyx/voice; SIP ${sipPort ? `udp+tcp ${sipPort}` : 'off'}`,
);
console.log(`parley: ${describeModelChoice(process.env)}`);
console.log(`parley: ${agents.length} agent(s) at ${url}/${token ? `?token=${token}` : ''}`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.log(`parley: ${signal}, closing sessions…`);
    Promise.all([server.close(), resources.close()]).then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('parley: close failed', error);
        process.exit(1);
      },
    );
  });
}
