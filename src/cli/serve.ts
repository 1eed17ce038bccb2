import { watch, type FSWatcher } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { loadAgentsFromDir } from '../agent-files/load-agent.ts';
import { createSession } from '../conversation/index.ts';
import { parseHostList } from '../server/access.ts';
import { loadAgentResources } from '../server/agent-resources.ts';
import { describeModelChoice, modelsFromEnv, type Env } from '../server/models-from-env.ts';
import { echoCancellersFromEnv } from '../server/echo-default.ts';
import { createServer } from '../server/server.ts';

export interface ServeOptions {
  /** A folder with prompt.md, or a folder of such folders. */
  readonly dir: string;
  readonly packageRoot: string;
  readonly host: string;
  readonly port: number;
  /** Reload prompt.md / tools.ts on change for new sessions (`parley dev`). */
  readonly watch: boolean;
  readonly env: Env;
  readonly log: (line: string) => void;
}

export interface Serving {
  readonly url: string;
  close(): Promise<void>;
}

/** Wait this long after the last change before reloading (editors write files in bursts). */
const RELOAD_DEBOUNCE_MS = 150;

/**
 * `parley dev` / `parley start`: the agents under `dir` on the engines the environment names
 * (the offline ones when it names none), with the call page from the package's web/dist.
 */
export async function serveAgents(options: ServeOptions): Promise<Serving> {
  const dir = resolve(options.dir);
  // Tools' databases and the knowledge index live under the served folder's .parley/data.
  const load = { dataDir: join(dir, '.parley', 'data'), log: options.log };
  const agents = await loadAgentsFromDir(dir, load);
  const resources = await loadAgentResources(agents, load);
  const server = createServer({
    host: options.host,
    port: options.port,
    agents,
    makeModels: modelsFromEnv(options.env),
    agentSessionOptions: (agent) => resources.sessionOptionsFor(agent),
    createSession,
    echoCancellers: echoCancellersFromEnv(options.env, options.log),
    staticDir: join(options.packageRoot, 'web', 'dist'),
    allowedHosts: parseHostList(options.env['PARLEY_ALLOWED_HOSTS']),
    // Sites that embed <parley-call>: PARLEY_ALLOWED_ORIGINS=https://shop.example[,…]
    allowedOrigins: (options.env['PARLEY_ALLOWED_ORIGINS'] ?? '')
      .split(',')
      .map((origin) => origin.trim())
      .filter(Boolean),
    ...(options.env['PARLEY_TOKEN'] ? { token: options.env['PARLEY_TOKEN'] } : {}),
  });
  const url = await server.listen();
  options.log(`parley: engines: ${describeModelChoice(options.env)}`);
  options.log(`parley: ${agents.map((agent) => agent.id).join(', ')} at ${url}/`);
  if (server.generatedToken && server.accessToken !== undefined)
    options.log(`parley: access token (shown once): ${server.accessToken}`);

  let watcher: FSWatcher | undefined;
  let timer: NodeJS.Timeout | undefined;
  const reload = () => {
    loadAgentsFromDir(dir, load).then(
      (fresh) => {
        server.replaceAgents(fresh);
        options.log(`parley: reloaded ${fresh.map((agent) => agent.id).join(', ')} (new sessions)`);
      },
      (error: unknown) =>
        options.log(
          `parley: reload failed, still serving the last good agent: ${error instanceof Error ? error.message : String(error)}`,
        ),
    );
  };
  if (options.watch) {
    watcher = watch(dir, { recursive: true }, (_event, name) => {
      if (name === null || isIgnored(String(name))) return;
      clearTimeout(timer);
      timer = setTimeout(reload, RELOAD_DEBOUNCE_MS);
    });
    options.log('parley: watching for changes to prompt.md and tools.ts');
  }
  return {
    url,
    async close() {
      clearTimeout(timer);
      watcher?.close();
      await Promise.all([server.close(), resources.close()]);
    },
  };
}

/** Our own compiled tools and data, dependencies and VCS files do not trigger a reload. */
function isIgnored(name: string): boolean {
  const first = name.split(sep)[0] ?? '';
  return (
    first === '.parley' ||
    first === 'node_modules' ||
    first === '.git' ||
    name.includes(`${sep}.parley${sep}`)
  );
}
