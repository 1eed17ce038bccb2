import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Real Redis and PostgreSQL servers for tests and `npm run cluster`: each on a free
 * 127.0.0.1 port, in a temp dir, stopped and removed by `stop()`.
 */
export interface LocalServer {
  readonly port: number;
  readonly url: string;
  /** Stops the server (SIGKILL after `graceMs`) and removes its files. */
  stop(graceMs?: number): Promise<void>;
}

/** Debian's PostgreSQL binaries (the newest installed version), or PARLEY_PG_BIN. */
function postgresBin(): string {
  const given = process.env['PARLEY_PG_BIN'];
  if (given) return given;
  const base = '/usr/lib/postgresql';
  const versions = existsSync(base)
    ? readdirSync(base)
        .filter((v) => /^\d+$/.test(v))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions[0] === undefined)
    throw new Error(`no PostgreSQL under ${base}: install Debian's postgresql (npm run setup)`);
  return join(base, versions[0], 'bin');
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** PostgreSQL refuses to run as root: as root, run it as the `postgres` user. */
function postgresIdentity(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
  return { uid, gid };
}

export async function startPostgres(options: { signal?: AbortSignal } = {}): Promise<LocalServer> {
  const bin = postgresBin();
  const dir = mkdtempSync(join(tmpdir(), 'parley-pg-'));
  const identity = postgresIdentity();
  if (identity) chownSync(dir, identity.uid, identity.gid);
  const data = join(dir, 'data');
  execFileSync(
    join(bin, 'initdb'),
    ['-D', data, '-A', 'trust', '-U', 'parley', '--no-sync', '-E', 'UTF8', '--locale=C'],
    { stdio: 'pipe', ...identity },
  );
  const port = await freePort();
  const child = spawn(
    join(bin, 'postgres'),
    [
      '-D',
      data,
      '-p',
      String(port),
      '-k',
      dir,
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'fsync=off',
    ],
    { stdio: 'ignore', ...identity },
  );
  const url = `postgres://parley@127.0.0.1:${port}/postgres`;
  const server = localServer(child, port, url, () => rmSync(dir, { recursive: true, force: true }));
  try {
    await waitForPort(port, child, 20_000, options.signal);
    await waitForPostgres(url, options.signal);
  } catch (error) {
    await server.stop();
    throw error;
  }
  return server;
}

/** A Redis with no persistence. `port` reuses a port (to restart one "in place"). */
export async function startRedis(
  options: { port?: number; signal?: AbortSignal } = {},
): Promise<LocalServer> {
  const port = options.port ?? (await freePort());
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: 'ignore' },
  );
  const server = localServer(child, port, `redis://127.0.0.1:${port}`, () => undefined);
  try {
    await waitForPort(port, child, 10_000, options.signal);
  } catch (error) {
    await server.stop();
    throw error;
  }
  return server;
}

function localServer(
  child: ChildProcess,
  port: number,
  url: string,
  cleanUp: () => void,
): LocalServer {
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
  let stopping: Promise<void> | undefined;
  return {
    port,
    url,
    stop(graceMs = 5_000) {
      stopping ??= (async () => {
        child.kill('SIGINT');
        const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
        await exited;
        clearTimeout(timer);
        cleanUp();
      })();
      return stopping;
    },
  };
}

async function waitForPort(
  port: number,
  child: ChildProcess,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<void> {
  const { connect } = await import('node:net');
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`server on port ${port} exited (${child.exitCode})`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    if (Date.now() > deadline)
      throw new Error(`server on port ${port} did not start in ${timeoutMs} ms`);
    await sleep(50, undefined, { signal });
  }
}

async function waitForPostgres(url: string, signal?: AbortSignal): Promise<void> {
  const pg = (await import('pg')).default;
  const deadline = Date.now() + 20_000;
  for (;;) {
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      await client.query('SELECT 1');
      return;
    } catch (error) {
      // "the database system is starting up": try again until the deadline.
      if (Date.now() > deadline)
        throw new Error('postgres did not accept queries', { cause: error });
    } finally {
      await client.end().catch(() => undefined);
    }
    await sleep(100, undefined, { signal });
  }
}
