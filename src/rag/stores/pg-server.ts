import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chown, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const PG_BIN = '/usr/lib/postgresql/15/bin';
const VECTOR_CONTROL = '/usr/share/postgresql/15/extension/vector.control';

/** Why a throwaway PostgreSQL with pgvector cannot be started here, or undefined when it can. */
export function pgServerUnavailableReason(): string | undefined {
  if (!existsSync(join(PG_BIN, 'initdb'))) return `no PostgreSQL 15 binaries in ${PG_BIN}`;
  if (!existsSync(VECTOR_CONTROL)) {
    return `pgvector is not installed for PostgreSQL 15 (${VECTOR_CONTROL} missing; Debian bookworm has no postgresql-15-pgvector package)`;
  }
  return undefined;
}

export interface TestPgServer {
  readonly connectionString: string;
  stop(): Promise<void>;
}

/** initdb + postgres on a unix socket in a temp dir, as the postgres user when run as root. */
export async function startTestPgServer(): Promise<TestPgServer> {
  const dir = await mkdtemp(join(tmpdir(), 'parley-pg-'));
  const owner: { uid?: number; gid?: number } =
    process.getuid?.() === 0 ? await postgresUser() : {};
  if (owner.uid !== undefined && owner.gid !== undefined) await chown(dir, owner.uid, owner.gid);
  const data = join(dir, 'data');
  await run(join(PG_BIN, 'initdb'), ['-D', data, '-A', 'trust', '-U', 'parley'], owner);
  const args = ['-D', data, '-k', dir, '-h', '', '-p', '5439', '-c', 'fsync=off'];
  const child: ChildProcess = spawn(join(PG_BIN, 'postgres'), args, { ...owner, stdio: 'ignore' });
  const socket = join(dir, '.s.PGSQL.5439');
  for (let i = 0; i < 100 && !existsSync(socket); i += 1) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    connectionString: `postgresql://parley@/postgres?host=${encodeURIComponent(dir)}&port=5439`,
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      // Immediate shutdown: the data directory is thrown away anyway.
      child.kill('SIGQUIT');
      await exited;
      await rm(dir, { recursive: true, force: true });
    },
  };
}

async function postgresUser(): Promise<{ uid: number; gid: number }> {
  const { stdout: uid } = await run('id', ['-u', 'postgres']);
  const { stdout: gid } = await run('id', ['-g', 'postgres']);
  return { uid: Number(uid.trim()), gid: Number(gid.trim()) };
}
