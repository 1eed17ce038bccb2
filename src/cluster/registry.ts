import type { Redis } from 'ioredis';
import type { Candidate, WorkerLoad } from './load.ts';

/** How long a worker stays listed after its last heartbeat. Beats come every third of this. */
export const WORKER_TTL_MS = 3_000;
/** A dispatch that never connected stops counting against its worker after this. */
const PENDING_TTL_MS = 10_000;
/** A session → worker entry outlives any call. */
const SESSION_TTL_S = 24 * 60 * 60;

export const keys = {
  workers: 'parley:workers',
  worker: (id: string) => `parley:worker:${id}`,
  pending: (id: string) => `parley:pending:${id}`,
  session: (id: string) => `parley:session:${id}`,
  control: (workerId: string) => `parley:control:${workerId}`,
  broadcast: 'parley:broadcast',
};

/** One heartbeat: the worker's load, listed until `ttlMs` passes without another beat. */
export async function writeHeartbeat(
  redis: Redis,
  load: WorkerLoad,
  ttlMs = WORKER_TTL_MS,
): Promise<void> {
  await redis
    .multi()
    .hset(keys.worker(load.workerId), {
      url: load.url,
      sessions: load.sessions,
      maxSessions: load.maxSessions,
      cpu: load.cpu,
      lagMs: load.lagMs,
      draining: load.draining ? 1 : 0,
      beatAtMs: load.beatAtMs,
      ...(load.sipAddress !== undefined && { sip: load.sipAddress }),
    })
    .pexpire(keys.worker(load.workerId), ttlMs)
    .sadd(keys.workers, load.workerId)
    .exec();
}

export async function removeWorker(redis: Redis, workerId: string): Promise<void> {
  await redis
    .multi()
    .del(keys.worker(workerId), keys.pending(workerId))
    .srem(keys.workers, workerId)
    .exec();
}

/**
 * The listed workers with their pending dispatches. A worker whose heartbeat key expired
 * (it stopped beating) is taken off the list here.
 */
export async function listWorkers(redis: Redis): Promise<Candidate[]> {
  const ids = await redis.smembers(keys.workers);
  if (ids.length === 0) return [];
  const pipeline = redis.pipeline();
  for (const id of ids) pipeline.hgetall(keys.worker(id)).get(keys.pending(id));
  const results = (await pipeline.exec()) ?? [];
  const workers: Candidate[] = [];
  const gone: string[] = [];
  ids.forEach((id, index) => {
    const hash = results[index * 2]?.[1] as Record<string, string> | undefined;
    const pending = Number(results[index * 2 + 1]?.[1] ?? 0);
    if (!hash || hash['url'] === undefined) gone.push(id);
    else workers.push({ ...parseLoad(id, hash), pending: Math.max(0, pending) });
  });
  if (gone.length > 0) await redis.srem(keys.workers, ...gone);
  return workers;
}

function parseLoad(workerId: string, hash: Record<string, string>): WorkerLoad {
  return {
    workerId,
    url: hash['url'] ?? '',
    sessions: Number(hash['sessions'] ?? 0),
    maxSessions: Number(hash['maxSessions'] ?? 0),
    cpu: Number(hash['cpu'] ?? 0),
    lagMs: Number(hash['lagMs'] ?? 0),
    draining: hash['draining'] === '1',
    beatAtMs: Number(hash['beatAtMs'] ?? 0),
    ...(hash['sip'] !== undefined && { sipAddress: hash['sip'] }),
  };
}

/** Counts a call dispatched to `workerId` until it connects (or `PENDING_TTL_MS` passes). */
export async function reserve(redis: Redis, workerId: string): Promise<void> {
  await redis
    .multi()
    .incr(keys.pending(workerId))
    .pexpire(keys.pending(workerId), PENDING_TTL_MS)
    .exec();
}

/**
 * The dispatched call connected: in one step it stops being pending and counts as one of
 * the worker's `sessions`, so the front door never sees it in neither (between beats).
 */
export async function settleReservation(
  redis: Redis,
  workerId: string,
  sessions: number,
  ttlMs = WORKER_TTL_MS,
): Promise<void> {
  const results = await redis
    .multi()
    .decr(keys.pending(workerId))
    .hset(keys.worker(workerId), 'sessions', sessions)
    .pexpire(keys.worker(workerId), ttlMs)
    .exec();
  const left = Number(results?.[0]?.[1] ?? 0);
  if (left < 0) await redis.set(keys.pending(workerId), 0, 'PX', PENDING_TTL_MS);
}

/** A call ended: the worker's `sessions` drops at once, not at the next beat. */
export async function updateSessions(
  redis: Redis,
  workerId: string,
  sessions: number,
  ttlMs = WORKER_TTL_MS,
): Promise<void> {
  await redis
    .multi()
    .hset(keys.worker(workerId), 'sessions', sessions)
    .pexpire(keys.worker(workerId), ttlMs)
    .exec();
}

export async function claimSession(
  redis: Redis,
  sessionId: string,
  workerId: string,
): Promise<void> {
  await redis.set(keys.session(sessionId), workerId, 'EX', SESSION_TTL_S);
}

export async function releaseSession(redis: Redis, sessionId: string): Promise<void> {
  await redis.del(keys.session(sessionId));
}

export async function workerOfSession(
  redis: Redis,
  sessionId: string,
): Promise<string | undefined> {
  return (await redis.get(keys.session(sessionId))) ?? undefined;
}
