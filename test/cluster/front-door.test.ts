import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { createFrontDoor } from '../../src/cluster/front-door.ts';
import type { WorkerLoad } from '../../src/cluster/load.ts';
import { listWorkers, writeHeartbeat } from '../../src/cluster/registry.ts';
import { verifyDispatchToken } from '../../src/cluster/token.ts';
import { type LocalServer, startRedis } from '../../src/testing/local-servers.ts';
import { serveDoor, type ServedDoor } from './serve-door.ts';

const secret = randomBytes(32).toString('hex');
const load = (workerId: string, extra: Partial<WorkerLoad> = {}): WorkerLoad => ({
  workerId,
  url: `ws://127.0.0.1:1/${workerId}`,
  sessions: 0,
  maxSessions: 10,
  cpu: 0.1,
  lagMs: 1,
  draining: false,
  beatAtMs: Date.now(),
  ...extra,
});

describe('the front door on a real Redis', () => {
  let redisServer: LocalServer;
  let redis: Redis;
  let http: ServedDoor;
  let base: string;
  before(async () => {
    redisServer = await startRedis();
    redis = new Redis(redisServer.url);
    const frontDoor = createFrontDoor({ redis, secret, token: 'door-token' });
    http = await serveDoor((request, response) => frontDoor.handle(request, response));
    base = http.url;
  });
  after(async () => {
    await http.close();
    redis.disconnect();
    await redisServer.stop();
  });
  const post = (token?: string) =>
    fetch(`${base}/api/dispatch`, {
      method: 'POST',
      ...(token !== undefined && { headers: { authorization: `Bearer ${token}` } }),
    });

  it('answers 503 with retry-after when no worker is listed', async () => {
    const response = await post('door-token');
    assert.equal(response.status, 503);
    assert.equal(response.headers.get('retry-after'), '1');
    assert.equal(((await response.json()) as { error: string }).error, 'no-worker');
  });

  it('refuses a dispatch without the token', async () => {
    await writeHeartbeat(redis, load('w1'));
    assert.equal((await post()).status, 401);
    assert.equal((await post('wrong')).status, 401);
  });

  it('hands out a ticket that only the chosen worker accepts, and skips draining workers', async () => {
    await writeHeartbeat(redis, load('w1', { draining: true }));
    await writeHeartbeat(redis, load('w2', { sessions: 5 }));
    const response = await post('door-token');
    assert.equal(response.status, 200);
    const dispatch = (await response.json()) as { workerId: string; url: string };
    assert.equal(dispatch.workerId, 'w2');
    const url = new URL(dispatch.url);
    assert.equal(url.pathname, '/w2');
    const token = url.searchParams.get('dispatch') ?? '';
    assert.equal(verifyDispatchToken(secret, token, 'w2', Date.now()).workerId, 'w2');
    assert.throws(() => verifyDispatchToken(secret, token, 'w1', Date.now()));
  });

  it('drops a worker from the list once its heartbeat expires', async () => {
    await writeHeartbeat(redis, load('w3'), 200);
    assert.ok((await listWorkers(redis)).some((w) => w.workerId === 'w3'));
    await sleep(400);
    assert.ok(!(await listWorkers(redis)).some((w) => w.workerId === 'w3'));
    assert.equal(await redis.sismember('parley:workers', 'w3'), 0);
  });
});
