import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { CallClient, requestDispatch } from '../../src/cluster/client.ts';
import { broadcastConfig, sendControl } from '../../src/cluster/control.ts';
import { listWorkers } from '../../src/cluster/registry.ts';
import { openRecordStore } from '../../src/records/store.ts';
import { postgresDriver } from '../../src/records/postgres-driver.ts';
import type { RecordStore } from '../../src/records/store.ts';
import { type Cluster, startCluster } from './cluster-harness.ts';

/** Dispatches and connects one call; resolves to its client, worker and session id. */
async function call(cluster: Cluster) {
  const dispatch = await requestDispatch(cluster.frontDoorUrl);
  const client = await CallClient.connect(dispatch.url);
  const sessionId = await client.start('test');
  return { client, workerId: dispatch.workerId, sessionId };
}

/** One user turn, to its end. */
async function turn(client: CallClient, text: string, timeoutMs = 15_000) {
  const from = client.messages.length;
  client.send({ type: 'text.input', text });
  return client.waitFor((m) => m.type === 'turn.end', timeoutMs, from);
}

async function until<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs: number,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await sleep(100);
  }
}

describe('a cluster of three workers with real Redis and PostgreSQL', { timeout: 150_000 }, () => {
  let cluster: Cluster;
  let records: RecordStore;
  before(async () => {
    cluster = await startCluster();
    await Promise.all(['w-a', 'w-b', 'w-c'].map((id) => cluster.spawnWorker(id)));
    records = await openRecordStore(postgresDriver({ connectionString: cluster.postgres.url }));
  });
  after(async () => {
    await records?.close();
    await cluster?.stop();
  });

  it('spreads 60 conversations over 3 workers within ±20 %', async () => {
    const calls = [];
    for (let i = 0; i < 60; i++) calls.push(await call(cluster));
    const perWorker = new Map<string, number>();
    for (const c of calls) perWorker.set(c.workerId, (perWorker.get(c.workerId) ?? 0) + 1);
    assert.equal(perWorker.size, 3);
    for (const [workerId, count] of perWorker)
      assert.ok(count >= 16 && count <= 24, `${workerId} got ${count} of 60`);
    await Promise.all(calls.map((c) => c.client.close()));
  });

  it('re-registers every worker and dispatches again after Redis restarts', async () => {
    await cluster.restartRedis();
    const startedMs = Date.now();
    const workers = await until(
      'all three workers listed again',
      async () => {
        const listed = await listWorkers(cluster.frontRedis);
        return listed.length === 3 ? listed : undefined;
      },
      15_000,
    );
    assert.deepEqual(workers.map((w) => w.workerId).sort(), ['w-a', 'w-b', 'w-c']);
    const { client } = await until('a call dispatched', () => call(cluster), 5_000);
    const end = await turn(client, 'hello after the restart');
    assert.equal(end.type === 'turn.end' && end.interrupted, false);
    await client.close();
    console.log(`redis restart → dispatch again in ${Date.now() - startedMs} ms`);
  });

  it("ends a call through Redis on the worker that holds it, and changes every worker's config", async () => {
    const { client, sessionId } = await call(cluster);
    await turn(client, 'hello');
    const delivered = await sendControl(cluster.frontRedis, {
      type: 'end',
      sessionId,
      reason: 'ended by a supervisor',
    });
    assert.equal(delivered, true);
    const end = await client.ended;
    assert.deepEqual(end, {
      kind: 'ended-by-server',
      code: 'session-expired',
      message: 'the call was ended: ended by a supervisor',
    });
    const stored = await until(
      'the ended call closed in PostgreSQL',
      async () => (await records.getConversation(sessionId))?.endReason,
      5_000,
    );
    assert.equal(stored, 'ended: ended by a supervisor');
    assert.equal(
      await sendControl(cluster.frontRedis, { type: 'end', sessionId: 'nobody', reason: 'x' }),
      false,
    );

    assert.equal(await broadcastConfig(cluster.frontRedis, { maxSessions: 7 }), 3);
    await until(
      'every worker reporting the new limit',
      async () =>
        (await listWorkers(cluster.frontRedis)).every((w) => w.maxSessions === 7)
          ? true
          : undefined,
      5_000,
    );
    await broadcastConfig(cluster.frontRedis, { maxSessions: 200 });
  });

  it('ends the calls of a killed worker with a clear error, sends new calls elsewhere within 5 s, and keeps its ended turns', async () => {
    const calls = await Promise.all([call(cluster), call(cluster), call(cluster)]);
    const victim = calls[0];
    await turn(victim.client, 'first question');
    await turn(victim.client, 'second question');
    const from = victim.client.messages.length;
    victim.client.send({ type: 'text.input', text: 'a long third question' });
    await victim.client.waitFor((m) => m.type === 'agent.audio.start', 10_000, from);
    // Mid-reply. Records are written off the audio path: a turn reaches PostgreSQL one
    // transaction after it ends (ms; tens of ms on this loaded machine), so the kill comes
    // after that window, as it would for any turn but the one just ending.
    await sleep(300);
    const worker = cluster.workers.find((w) => w.workerId === victim.workerId)!;
    worker.child.kill('SIGKILL');
    const killedAtMs = Date.now();

    const end = await victim.client.ended;
    assert.equal(end.kind, 'worker-lost');
    assert.match(end.kind === 'worker-lost' ? end.error.message : '', /worker .* stopped/);

    await until(
      'the killed worker off the list',
      async () => {
        const listed = await listWorkers(cluster.frontRedis);
        return listed.some((w) => w.workerId === victim.workerId) ? undefined : true;
      },
      5_000,
    );
    const fresh = [];
    for (let i = 0; i < 4; i++) fresh.push(await call(cluster));
    const elapsedMs = Date.now() - killedAtMs;
    assert.ok(elapsedMs < 5_000, `new calls placed ${elapsedMs} ms after the kill`);
    assert.ok(fresh.every((c) => c.workerId !== victim.workerId));
    await turn(fresh[0]!.client, 'are you there?');

    const stored = await records.getConversation(victim.sessionId);
    assert.deepEqual(
      stored?.turns.filter((t) => t.completed).map((t) => t.userText),
      ['first question', 'second question'],
    );
    assert.equal(stored?.workerId, victim.workerId);
    await Promise.all([...calls.slice(1), ...fresh].map((c) => c.client.close()));
  });

  it('drains on SIGTERM: the call in progress finishes, no new call goes there, the worker exits 0', async () => {
    const live = await listWorkers(cluster.frontRedis);
    const target = live[0]!.workerId;
    const others: Awaited<ReturnType<typeof call>>[] = [];
    let held: Awaited<ReturnType<typeof call>> | undefined;
    for (let i = 0; i < 6 && !held; i++) {
      const c = await call(cluster);
      if (c.workerId === target) held = c;
      else others.push(c);
    }
    await Promise.all(others.map((c) => c.client.close()));
    assert.ok(held, `no call landed on ${target}`);
    const from = held.client.messages.length;
    held.client.send({ type: 'text.input', text: 'tell me something long' });
    await held.client.waitFor((m) => m.type === 'agent.audio.start', 10_000, from);
    const worker = cluster.workers.find((w) => w.workerId === target)!;
    worker.child.kill('SIGTERM');
    await sleep(200);

    const during = [await call(cluster), await call(cluster)];
    assert.ok(
      during.every((c) => c.workerId !== target),
      'a draining worker takes no new call',
    );
    const end = await held.client.waitFor((m) => m.type === 'turn.end', 15_000, from);
    assert.equal(end.type === 'turn.end' && end.interrupted, false, 'the reply played to its end');
    await turn(held.client, 'and one more question');
    await held.client.close();
    const exit = await worker.exit;
    assert.deepEqual(exit, { code: 0, signal: null });
    assert.match(worker.output.join(''), /drained: 1 finished, 0 cut/);
    await Promise.all(during.map((c) => c.client.close()));
    const heldSessionId = held.sessionId;
    const stored = await until(
      'the drained call closed in PostgreSQL',
      async () => {
        const detail = await records.getConversation(heldSessionId);
        return detail?.endReason === undefined ? undefined : detail;
      },
      5_000,
    );
    assert.equal(stored.turns.filter((t) => t.completed).length, 2);
  });
});
