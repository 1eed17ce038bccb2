import { hostname } from 'node:os';
import { ClusterConfigError } from './errors.ts';

/** A worker's settings from its environment (see docs/deploy.md). */
export interface WorkerEnv {
  readonly redisUrl: string;
  readonly secret: string;
  readonly databaseUrl?: string;
  readonly workerId: string;
  readonly host: string;
  readonly port: number;
  readonly publicUrl?: string;
  readonly maxSessions: number;
  /** How long a draining worker lets its calls finish. */
  readonly drainMs: number;
  /** The worker's SIP port (PARLEY_WORKER_SIP_PORT; 0 = a free one); absent = no SIP. */
  readonly sipPort?: number;
  /** The SIP address trunks reach (PARLEY_WORKER_SIP_ADDRESS), when not `host`. */
  readonly sipAddress?: string;
}

export function workerEnv(env: NodeJS.ProcessEnv): WorkerEnv {
  const need = (name: string) => {
    const value = env[name];
    if (!value) throw new ClusterConfigError(`${name} must be set for a parley worker`);
    return value;
  };
  const count = (name: string, fallback: number) => {
    const value = Number(env[name] ?? fallback);
    if (!Number.isInteger(value) || value < 0)
      throw new ClusterConfigError(`${name} must be a whole number, not "${env[name]}"`);
    return value;
  };
  const databaseUrl = env['PARLEY_DATABASE_URL'];
  const publicUrl = env['PARLEY_WORKER_URL'];
  const sipAddress = env['PARLEY_WORKER_SIP_ADDRESS'];
  return {
    redisUrl: need('PARLEY_REDIS_URL'),
    secret: need('PARLEY_CLUSTER_SECRET'),
    ...(databaseUrl && { databaseUrl }),
    workerId: env['PARLEY_WORKER_ID'] ?? `${hostname()}-${process.pid}`,
    host: env['HOST'] ?? '127.0.0.1',
    port: count('PARLEY_WORKER_PORT', 0),
    ...(publicUrl && { publicUrl }),
    maxSessions: count('PARLEY_MAX_SESSIONS', 200),
    drainMs: count('PARLEY_DRAIN_MS', 120_000),
    ...(env['PARLEY_WORKER_SIP_PORT'] !== undefined && {
      sipPort: count('PARLEY_WORKER_SIP_PORT', 0),
    }),
    ...(sipAddress && { sipAddress }),
  };
}
