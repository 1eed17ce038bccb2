import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { listWorkers } from '../../src/cluster/registry.ts';
import { createSipDoor } from '../../src/cluster/sip-door.ts';
import { header, type SipResponse } from '../../src/transport/sip/message.ts';
import { dial, readRecording, writeBaresipConfig } from '../telephony/baresip.ts';
import { RtpCaller } from '../telephony/rtp-caller.ts';
import { inviteFrontDoor } from './sip-invite.ts';
import { type Cluster, startCluster } from './cluster-harness.ts';

/** The redirect's Contact: the worker's SIP port and the ticket parameters after it. */
function contactOf(response: SipResponse) {
  const contact = header(response, 'Contact') ?? '';
  const match = /^<sip:([^@]+)@127\.0\.0\.1:(\d+)(;[^>]*)>$/.exec(contact);
  assert.ok(match, `a Contact at a worker: ${contact}`);
  return { agentId: match[1]!, port: Number(match[2]), parameters: match[3]! };
}

describe(
  'SIP calls redirected by the front door to worker processes (real Redis)',
  {
    timeout: 120_000,
  },
  () => {
    let cluster: Cluster;
    let door: ReturnType<typeof createSipDoor>;
    let doorPort: number;
    const callers: RtpCaller[] = [];
    before(async () => {
      cluster = await startCluster();
      await Promise.all(
        ['s-a', 's-b'].map((id) => cluster.spawnWorker(id, { PARLEY_WORKER_SIP_PORT: '0' })),
      );
      door = createSipDoor({
        dispatchSip: cluster.frontDoor.dispatchSip,
        agentIds: ['test', 'phone'],
        port: 0,
        onProblem: (message) => cluster.frontDoorProblems.push(message),
      });
      doorPort = await door.listen();
    });
    after(async () => {
      for (const caller of callers) caller.close();
      await door?.close();
      await cluster?.stop();
    });

    it("answers an INVITE with 302 to the least-loaded worker's SIP address, which takes the call on its ticket", async () => {
      const redirect = await inviteFrontDoor(doorPort, 'phone');
      assert.equal(redirect.status, 302);
      const contact = contactOf(redirect);
      assert.equal(contact.agentId, 'phone');
      const listed = await listWorkers(cluster.frontRedis);
      assert.ok(listed.some((w) => w.sipAddress === `127.0.0.1:${contact.port}`));
      const caller = await RtpCaller.dial(contact.port, 'phone', contact.parameters);
      callers.push(caller);
      const deadline = Date.now() + 15_000;
      while (caller.received.length < 10 && Date.now() < deadline) await sleep(50);
      assert.ok(caller.received.length >= 10, 'the greeting arrives as RTP');
      assert.equal((await caller.hangUp()).status, 200);
    });

    it('refuses an INVITE at a worker without a ticket, with a used one, or for another agent (403)', async () => {
      const contact = contactOf(await inviteFrontDoor(doorPort, 'phone'));
      await assert.rejects(RtpCaller.dial(contact.port, 'phone'), /INVITE answered 403/);
      await assert.rejects(
        RtpCaller.dial(contact.port, 'test', contact.parameters),
        /INVITE answered 403/,
      );
      const caller = await RtpCaller.dial(contact.port, 'phone', contact.parameters);
      callers.push(caller);
      await assert.rejects(
        RtpCaller.dial(contact.port, 'phone', contact.parameters),
        /INVITE answered 403/,
      );
      await caller.hangUp();
    });

    it('spreads SIP calls over the workers', async () => {
      const ports = new Map<number, number>();
      for (let i = 0; i < 6; i++) {
        const { port } = contactOf(await inviteFrontDoor(doorPort, 'phone'));
        ports.set(port, (ports.get(port) ?? 0) + 1);
      }
      assert.deepEqual([...ports.values()].sort(), [3, 3]);
    });

    it('lets a real softphone (baresip) dialling the front door follow the redirect and hear the agent', async () => {
      const dir = await mkdtemp(join(tmpdir(), 'parley-sip-redirect-'));
      try {
        const mic = join(dir, 'mic.wav'); // 4 s of silence: the call lasts as long as the file
        execFileSync('sox', ['-n', '-r', '8000', '-c', '1', '-b', '16', mic, 'trim', '0', '4']);
        const recordings = await writeBaresipConfig(dir, mic);
        const result = await dial(dir, `sip:phone@127.0.0.1:${doorPort}`, 8);
        assert.match(result.stdout, /Call established/);
        const heard = await readRecording(recordings);
        let sum = 0;
        for (const sample of heard) sum += Math.abs(sample);
        assert.ok(heard.length > 0 && sum / heard.length > 100, 'the greeting was heard');
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    });
  },
);
