import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { listWorkers } from '../../src/cluster/registry.ts';
import { postgresDriver } from '../../src/records/postgres-driver.ts';
import { openRecordStore, type RecordStore } from '../../src/records/store.ts';
import { twilioSignature } from '../../src/transport/twilio/signature.ts';
import { TelnyxPeer } from '../telephony/telnyx-peer.ts';
import { TwilioPeer } from '../telephony/twilio-peer.ts';
import { type Cluster, startCluster } from './cluster-harness.ts';

const TWILIO_AUTH_TOKEN = 'twilio-auth-token-of-the-phone-cluster-test';

async function until<T>(
  what: string,
  probe: () => T | undefined | Promise<T | undefined>,
  timeoutMs: number,
) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await sleep(100);
  }
}

const attribute = (document: string, pattern: RegExp) =>
  (document.match(pattern)?.[1] ?? '').replaceAll('&amp;', '&');

describe(
  'phone calls dispatched by the front door to worker processes (real Redis, PostgreSQL)',
  {
    timeout: 120_000,
  },
  () => {
    let cluster: Cluster;
    let records: RecordStore;
    before(async () => {
      cluster = await startCluster({
        phone: { agentIds: ['test', 'phone'], twilio: { authToken: TWILIO_AUTH_TOKEN } },
      });
      await Promise.all(['p-a', 'p-b'].map((id) => cluster.spawnWorker(id)));
      records = await openRecordStore(postgresDriver({ connectionString: cluster.postgres.url }));
    });
    after(async () => {
      await records?.close();
      await cluster?.stop();
    });

    /** Twilio's incoming-call webhook to the front door; resolves to the TwiML's stream and ticket. */
    async function twilioCall(callSid = `CA${randomBytes(16).toString('hex')}`) {
      const path = '/twilio/voice?agent=phone';
      const form: [string, string][] = [
        ['CallSid', callSid],
        ['From', '+34600123456'],
        ['To', '+34900000000'],
      ];
      const signedUrl = `https://${new URL(cluster.frontDoorUrl).host}${path}`;
      const response = await fetch(`${cluster.frontDoorUrl}${path}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'x-twilio-signature': twilioSignature(TWILIO_AUTH_TOKEN, signedUrl, form),
        },
        body: new URLSearchParams(form).toString(),
      });
      assert.equal(response.status, 200);
      const twiml = await response.text();
      return {
        callSid,
        streamUrl: attribute(twiml, /<Stream url="([^"]+)"/),
        ticket: attribute(twiml, /<Parameter name="dispatch" value="([^"]+)"/),
      };
    }

    const workerOf = async (streamUrl: string) => {
      const listed = await listWorkers(cluster.frontRedis);
      return listed.find((w) => new URL(w.url).host === new URL(streamUrl).host)?.workerId;
    };

    it("connects a Twilio call's media stream to the chosen worker, which greets the caller and records the call", async () => {
      const { callSid, streamUrl, ticket } = await twilioCall();
      const workerId = await workerOf(streamUrl);
      assert.ok(workerId, `${streamUrl} is a listed worker's`);
      assert.equal(new URL(streamUrl).pathname, '/twilio/media');
      const peer = await TwilioPeer.connect(streamUrl, callSid, {
        agent: 'phone',
        dispatch: ticket,
      });
      await until(
        'the greeting on the phone',
        () => (peer.media.length > 10 ? true : undefined),
        15_000,
      );
      assert.deepEqual(peer.protocolErrors, []);
      peer.hangUp();
      await peer.closed;
      const stored = await until(
        'the phone call closed in PostgreSQL',
        async () => {
          const list = await records.listConversations({ agentId: 'phone' });
          return list.find((c) => c.endedAtMs !== undefined);
        },
        10_000,
      );
      assert.equal(stored.workerId, workerId);
    });

    it('refuses a ticket presented for another call, and a ticket used twice', async () => {
      const { callSid, streamUrl, ticket } = await twilioCall();
      const other = await TwilioPeer.connect(streamUrl, `CA${'0'.repeat(32)}`, {
        agent: 'phone',
        dispatch: ticket,
      });
      assert.equal((await other.closed).code, 1008);
      const first = await TwilioPeer.connect(streamUrl, callSid, {
        agent: 'phone',
        dispatch: ticket,
      });
      await until(
        'the first stream greeted',
        () => (first.media.length > 0 ? true : undefined),
        15_000,
      );
      const replay = await TwilioPeer.connect(streamUrl, callSid, {
        agent: 'phone',
        dispatch: ticket,
      });
      assert.equal((await replay.closed).code, 1008);
      const forged = await TwilioPeer.connect(streamUrl, callSid, {
        agent: 'phone',
        dispatch: `${ticket.slice(0, -4)}AAAA`,
      });
      assert.equal((await forged.closed).code, 1008);
      first.hangUp();
      await first.closed;
    });

    it('spreads phone calls over the workers like browser calls', async () => {
      const calls = [];
      for (let i = 0; i < 8; i++) calls.push(await twilioCall());
      const perWorker = new Map<string, number>();
      for (const call of calls) {
        const workerId = (await workerOf(call.streamUrl)) ?? 'unknown';
        perWorker.set(workerId, (perWorker.get(workerId) ?? 0) + 1);
      }
      assert.deepEqual([...perWorker.keys()].sort(), ['p-a', 'p-b']);
      for (const [workerId, count] of perWorker)
        assert.ok(count >= 3 && count <= 5, `${workerId} got ${count} of 8`);
    });

    it("connects a Telnyx call's RTP stream to the chosen worker through the ticket in its URL", async () => {
      const response = await fetch(`${cluster.frontDoorUrl}/telnyx/voice?agent=phone`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'CallSid=v3%3Acall&From=%2B34600123456',
      });
      const texml = await response.text();
      const streamUrl = attribute(texml, /<Stream url="([^"]+)"/);
      assert.ok(await workerOf(streamUrl));
      assert.ok(new URL(streamUrl).searchParams.get('dispatch'));
      const peer = await TelnyxPeer.connect(streamUrl);
      await until(
        'the greeting on the phone',
        () => (peer.media.length > 0 ? true : undefined),
        15_000,
      );
      assert.deepEqual(peer.protocolErrors, []);
      const stripped = new URL(streamUrl);
      stripped.search = '';
      const without = await TelnyxPeer.connect(stripped.href);
      assert.equal((await without.closed).code, 1008);
      peer.socket.close();
      await peer.closed;
    });

    it('drains on SIGTERM: the phone call in progress goes on to its hang-up, new calls go elsewhere, the worker exits 0', async () => {
      const { callSid, streamUrl, ticket } = await twilioCall();
      const target = (await workerOf(streamUrl))!;
      const peer = await TwilioPeer.connect(streamUrl, callSid, {
        agent: 'phone',
        dispatch: ticket,
      });
      await until(
        'the greeting on the phone',
        () => (peer.media.length > 0 ? true : undefined),
        15_000,
      );
      const worker = cluster.workers.find((w) => w.workerId === target)!;
      worker.child.kill('SIGTERM');
      await until(
        'the worker listed as draining',
        async () =>
          (await listWorkers(cluster.frontRedis)).find((w) => w.workerId === target)?.draining
            ? true
            : undefined,
        5_000,
      );
      const during = [await twilioCall(), await twilioCall()];
      for (const call of during) assert.notEqual(await workerOf(call.streamUrl), target);
      assert.equal(worker.child.exitCode, null, 'the worker waits for its call');
      peer.hangUp();
      await peer.closed;
      assert.deepEqual(await worker.exit, { code: 0, signal: null });
      assert.match(worker.output.join(''), /drained: 1 finished, 0 cut/);
    });
  },
);
