import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createSession } from '../conversation/index.ts';
import { recordSession, recordsFromEnv } from '../records/index.ts';
import { frontDoorFromEnv } from '../cluster/front-door-from-env.ts';
import type { AgentDefinition } from '../spec/agent.ts';
import { vectorStoresFromEnv } from '../rag/stores/from-env.ts';
import { DEMO_AGENT } from './demo-agent.ts';
import { loadAgentResources } from './agent-resources.ts';
import { describeLocalVoices } from './local-models.ts';
import { describeModelChoice, modelsFromEnv } from './models-from-env.ts';
import { assertWritableDataDir } from '../agents/shared/database.ts';
import { isLoopbackHost, parseHostList } from './access.ts';
import { echoCancellersFromEnv } from './echo-default.ts';
import { createServer } from './server.ts';
import { telephonyFromEnv } from '../transport/telephony/index.ts';
import type { TelephonyMount } from '../transport/telephony/index.ts';
import { callLogFromRecords } from '../telemetry/calls/records-adapter.ts';
import { telemetryFromEnv } from '../telemetry/telemetry.ts';

/**
 * `npm start`: the offline Parley server on http://127.0.0.1:8787. Environment: PORT, HOST,
 * PARLEY_TOKEN, PARLEY_ALLOWED_HOSTS, PARLEY_IDENTITY_SECRET, PARLEY_TLS_CERT / PARLEY_TLS_KEY
 * (docs/security.md).
 */
const root = join(import.meta.dirname, '../..');
const staticDir = join(root, 'web/dist');
const dataDir = process.env['PARLEY_DATA_DIR'] ?? join(root, '.data');
const host = process.env['HOST'] ?? '127.0.0.1';
const port = Number(process.env['PORT'] ?? 8787);
const token = process.env['PARLEY_TOKEN'];
const identitySecret = process.env['PARLEY_IDENTITY_SECRET'];
const tlsCert = process.env['PARLEY_TLS_CERT'];
const tlsKey = process.env['PARLEY_TLS_KEY'];
if ((tlsCert === undefined) !== (tlsKey === undefined)) {
  console.error('parley: set both PARLEY_TLS_CERT and PARLEY_TLS_KEY (PEM file paths), or neither');
  process.exit(1);
}

async function loadAgents(): Promise<readonly AgentDefinition[]> {
  const registry = join(root, 'src/agents/index.ts');
  if (!existsSync(registry)) return [DEMO_AGENT];
  const module = (await import(registry)) as {
    createAgents(env: {
      dataDir: string;
      withIndianLanguages?: boolean;
    }): Promise<AgentDefinition[]>;
  };
  return module.createAgents({
    dataDir,
    withIndianLanguages: Boolean(process.env['SARVAM_API_KEY']),
  });
}

if (!existsSync(join(staticDir, 'app.js'))) {
  console.log('parley: building the web client…');
  await promisify(execFile)(process.execPath, [join(root, 'scripts/build-web.mjs')]);
}

try {
  assertWritableDataDir(dataDir);
} catch (error) {
  console.error(`parley: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
const makeModels = modelsFromEnv(process.env);
const agents = await loadAgents();
const resources = await loadAgentResources(agents, {
  dataDir,
  log: console.log,
  vectorStores: vectorStoresFromEnv(process.env, { dataDir }),
});
const records = await recordsFromEnv(process.env, dataDir, (message, error) =>
  console.error(`parley records: ${message}:`, error),
);
// In a cluster the front door also answers the phone webhooks, dispatching each call to a worker.
const frontDoor = frontDoorFromEnv(
  process.env,
  token,
  agents.map((agent) => agent.id),
);
const phone = telephonyFromEnv(process.env, agents, host);
let telephony: TelephonyMount | undefined;
const server = createServer({
  host,
  port,
  agents,
  makeModels,
  agentSessionOptions: (agent) => resources.sessionOptionsFor(agent),
  createSession: (options) => recordSession(createSession(options), { queue: records.queue }),
  echoCancellers: echoCancellersFromEnv(process.env),
  staticDir,
  telemetry: telemetryFromEnv(process.env, dataDir, staticDir, (recordings) =>
    callLogFromRecords(
      records.store,
      (id) => agents.find((agent) => agent.id === id)?.name ?? id,
      async (id) => (await recordings?.meta(id)) !== undefined,
    ),
  ),
  allowedHosts: parseHostList(process.env['PARLEY_ALLOWED_HOSTS']),
  ...(token === undefined ? {} : { token }),
  ...(identitySecret === undefined ? {} : { identitySecret }),
  ...(tlsCert === undefined || tlsKey === undefined
    ? {}
    : { tls: { cert: readFileSync(tlsCert), key: readFileSync(tlsKey) } }),
  ...(frontDoor && { routes: frontDoor.handle }),
  telephony: (openSession) => (telephony = phone(openSession)),
});
const url = await server.listen();
const { sipPort } = await telephony!.ready;
console.log(
  `parley: phone: POST ${url}/twilio/voice, ${url}/telnyx/voice; SIP ${sipPort ? `udp+tcp ${sipPort}` : 'off'}`,
);
console.log(
  `parley: ${describeModelChoice(process.env)}, vectors ${process.env['PARLEY_VECTOR_STORE'] ?? 'sqlite'}`,
);
const voices = describeLocalVoices(agents, process.env);
if (voices !== undefined) console.log(`parley: ${voices}`);
console.log(`parley: ${agents.length} agent(s) at ${url}/`);
if (!isLoopbackHost(host) && process.env['PARLEY_ALLOWED_HOSTS'] === undefined)
  console.log(
    'parley: only loopback names and the bound address are accepted in Host; set PARLEY_ALLOWED_HOSTS=name[,name] for the names clients use.',
  );
if (server.generatedToken && server.accessToken !== undefined) {
  // Shown once, on its own line, never inside a URL that proxies or shells would log.
  console.log('parley: this server is reachable beyond loopback; its access token (shown once):');
  console.log(`  ${server.accessToken}`);
  console.log('parley: open the address with ?token=<that token> once, or set PARLEY_TOKEN.');
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.log(`parley: ${signal}, closing sessions…`);
    Promise.all([
      server.close().then(() => records.close()),
      resources.close(),
      frontDoor?.close(),
    ]).then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('parley: close failed', error);
        process.exit(1);
      },
    );
  });
}
