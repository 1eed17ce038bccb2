/**
 * `npm run cluster`: Redis, PostgreSQL and N `parley worker` processes on this machine, with
 * `npm start`'s server as the front door (POST /api/dispatch). PARLEY_WORKERS (default: one per
 * core); PARLEY_REDIS_URL / PARLEY_DATABASE_URL use servers you run instead of throw-away ones.
 * Ctrl-C drains the workers and stops everything.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { type LocalServer, startPostgres, startRedis } from '../src/testing/local-servers.ts';

const root = join(import.meta.dirname, '..');
const workerCount = Number(process.env['PARLEY_WORKERS'] ?? availableParallelism());
const owned: LocalServer[] = [];

async function url(name: string, start: () => Promise<LocalServer>): Promise<string> {
  const given = process.env[name];
  if (given) return given;
  const server = await start();
  owned.push(server);
  console.log(`cluster: ${name}=${server.url} (throw-away: deleted on exit)`);
  return server.url;
}

const env = {
  ...process.env,
  PARLEY_REDIS_URL: await url('PARLEY_REDIS_URL', () => startRedis()),
  PARLEY_DATABASE_URL: await url('PARLEY_DATABASE_URL', () => startPostgres()),
  PARLEY_CLUSTER_SECRET: process.env['PARLEY_CLUSTER_SECRET'] ?? randomBytes(32).toString('hex'),
};
const children: ChildProcess[] = [];
const run = (script: string, extra: Record<string, string> = {}) => {
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, script)], {
    cwd: root,
    env: { ...env, ...extra },
    stdio: 'inherit',
  });
  children.push(child);
  return child;
};
for (let i = 0; i < workerCount; i++)
  run('src/cluster/worker-main.ts', { PARLEY_WORKER_ID: `worker-${i + 1}` });
run('src/server/main.ts');

let stopping = false;
process.on('SIGINT', () => {
  if (stopping) return;
  stopping = true;
  console.log('cluster: draining workers…');
  for (const child of children) child.kill('SIGTERM');
  Promise.all(children.map((child) => new Promise((resolve) => child.once('exit', resolve))))
    .then(() => Promise.all(owned.map((server) => server.stop())))
    .then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('cluster: stop failed', error);
        process.exit(1);
      },
    );
});
