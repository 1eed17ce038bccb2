import { echoCancellersFromEnv } from '../server/echo-default.ts';
import type { Session, SessionOptions } from '../conversation/types.ts';
import { recordsFromEnv } from '../records/records-from-env.ts';
import type { ServerOptions } from '../server/server.ts';
import type { AgentDefinition } from '../spec/agent.ts';
import { createWorker } from './worker.ts';
import { workerEnv } from './worker-env.ts';

export interface WorkerProcessOptions {
  readonly agents: readonly AgentDefinition[];
  readonly makeModels: ServerOptions['makeModels'];
  readonly createSession: (options: SessionOptions) => Session;
  readonly agentSessionOptions?: ServerOptions['agentSessionOptions'];
  /** Where SQLite records go when PARLEY_DATABASE_URL is not set. */
  readonly dataDir: string;
  /** Released after the worker has closed. */
  readonly closeResources?: () => Promise<void>;
}

const log = (line: string) => process.stdout.write(`${line}\n`);

/**
 * A worker process: starts, prints `parley worker <id> ready at <url>`, and on SIGTERM drains
 * (no new calls; current ones finish up to PARLEY_DRAIN_MS), flushes its records and exits 0.
 */
export async function runWorkerProcess(options: WorkerProcessOptions): Promise<void> {
  const env = workerEnv(process.env);
  const problem = (message: string, error: unknown) =>
    console.error(`parley worker ${env.workerId}: ${message}:`, error);
  const records = await recordsFromEnv(process.env, options.dataDir, problem);
  const worker = createWorker({
    workerId: env.workerId,
    host: env.host,
    port: env.port,
    ...(env.publicUrl && { publicUrl: env.publicUrl }),
    redisUrl: env.redisUrl,
    secret: env.secret,
    agents: options.agents,
    makeModels: options.makeModels,
    createSession: options.createSession,
    ...(options.agentSessionOptions && { agentSessionOptions: options.agentSessionOptions }),
    echoCancellers: echoCancellersFromEnv(process.env, (line) =>
      console.error(`parley worker ${env.workerId}: ${line}`),
    ),
    records: records.queue,
    maxSessions: env.maxSessions,
    ...(env.sipPort !== undefined && {
      sip: {
        port: env.sipPort,
        ...(env.sipAddress && { advertisedAddress: env.sipAddress }),
      },
    }),
    onProblem: problem,
  });
  const url = await worker.start();
  log(`parley worker ${worker.workerId} ready at ${url}`);

  let stopping = false;
  const stop = async (how: 'drain' | 'close') => {
    if (stopping) return;
    stopping = true;
    if (how === 'drain') {
      log(`parley worker ${worker.workerId} draining ${worker.callCount} call(s)`);
      const { finished, cut } = await worker.drain(env.drainMs);
      log(`parley worker ${worker.workerId} drained: ${finished} finished, ${cut} cut`);
    } else {
      await worker.close();
    }
    await records.close(AbortSignal.timeout(10_000));
    await options.closeResources?.();
    process.exit(0);
  };
  const fail = (error: unknown) => {
    problem('stopping failed', error);
    process.exit(1);
  };
  process.once('SIGTERM', () => void stop('drain').catch(fail));
  process.once('SIGINT', () => void stop('close').catch(fail));
}
