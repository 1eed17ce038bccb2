import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { createFrontDoor } from '../../src/cluster/front-door.ts';
import { createPhoneDoor, type PhoneDoorOptions } from '../../src/cluster/phone-door.ts';
import { type LocalServer, startPostgres, startRedis } from '../../src/testing/local-servers.ts';
import { serveDoor } from './serve-door.ts';

const root = join(import.meta.dirname, '../..');

export interface WorkerProcess {
  readonly workerId: string;
  readonly child: ChildProcess;
  readonly output: string[];
  readonly exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Redis, PostgreSQL, an in-process front door and worker processes, all torn down by `stop`. */
export async function startCluster(
  options: {
    workerScript?: string;
    /** The phone webhooks at the front door (`POST /twilio/voice`, `/telnyx/voice`). */
    phone?: Pick<PhoneDoorOptions, 'agentIds' | 'twilio' | 'telnyx'>;
  } = {},
) {
  const workerScript = options.workerScript ?? 'test/cluster/fake-worker.ts';
  const secret = randomBytes(32).toString('hex');
  const [postgres, firstRedis] = await Promise.all([startPostgres(), startRedis()]);
  let redis: LocalServer = firstRedis;
  const frontRedis = new Redis(redis.url, { maxRetriesPerRequest: 1 });
  const frontDoorProblems: unknown[] = [];
  frontRedis.on('error', (error) => frontDoorProblems.push(error)); // expected while Redis restarts
  const frontDoor = createFrontDoor({ redis: frontRedis, secret });
  const phoneDoor = createPhoneDoor({
    agentIds: ['test'],
    ...options.phone,
    dispatchPhone: frontDoor.dispatchPhone,
    onProblem: (message, error) => frontDoorProblems.push(`${message}: ${String(error)}`),
  });
  const route = async (request: IncomingMessage, response: ServerResponse) =>
    (await phoneDoor.handle(request, response)) || frontDoor.handle(request, response);
  const http = await serveDoor(route);
  const frontDoorUrl = http.url;
  const workers: WorkerProcess[] = [];

  async function spawnWorker(
    workerId: string,
    env: Readonly<Record<string, string>> = {},
  ): Promise<WorkerProcess> {
    const child = spawn(process.execPath, ['--import', 'tsx', join(root, workerScript)], {
      cwd: root,
      env: {
        ...process.env,
        PARLEY_REDIS_URL: redis.url,
        PARLEY_DATABASE_URL: postgres.url,
        PARLEY_CLUSTER_SECRET: secret,
        PARLEY_WORKER_ID: workerId,
        PARLEY_DRAIN_MS: '20000',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const output: string[] = [];
    const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child.once('exit', (code, signal) => resolve({ code, signal })),
    );
    const ready = new Promise<void>((resolve, reject) => {
      child.stdout.setEncoding('utf8').on('data', (text: string) => {
        output.push(text);
        if (text.includes('ready at')) resolve();
      });
      child.stderr.setEncoding('utf8').on('data', (text: string) => output.push(text));
      void exit.then(({ code }) =>
        reject(new Error(`worker ${workerId} exited (${code}): ${output.join('')}`)),
      );
    });
    await ready;
    const worker = { workerId, child, output, exit };
    workers.push(worker);
    return worker;
  }

  return {
    secret,
    postgres,
    get redis() {
      return redis;
    },
    frontRedis,
    frontDoorUrl,
    frontDoor,
    frontDoorProblems,
    workers,
    spawnWorker,
    /** Stops Redis (all its data is gone) and starts a fresh one on the same port. */
    async restartRedis(): Promise<void> {
      await redis.stop();
      redis = await startRedis({ port: redis.port });
    },
    async stop(): Promise<void> {
      for (const worker of workers)
        if (worker.child.exitCode === null) worker.child.kill('SIGKILL');
      await Promise.all(workers.map((w) => w.exit));
      frontRedis.disconnect();
      await http.close();
      await Promise.all([redis.stop(), postgres.stop()]);
    },
  };
}

export type Cluster = Awaited<ReturnType<typeof startCluster>>;
