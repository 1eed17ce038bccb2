import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { frontDoorFromEnv } from '../../src/cluster/front-door-from-env.ts';
import { type LocalServer, startRedis } from '../../src/testing/local-servers.ts';
import { freeUdpPort } from '../telephony/sip-harness.ts';
import { inviteFrontDoor } from './sip-invite.ts';

describe('the front door npm start mounts from the environment (real Redis)', () => {
  let redis: LocalServer;
  before(async () => {
    redis = await startRedis();
  });
  after(async () => {
    await redis.stop();
  });

  it('runs the SIP redirector on PARLEY_FRONT_DOOR_SIP_PORT, answering 503 while no worker takes SIP', async () => {
    const port = await freeUdpPort();
    const door = frontDoorFromEnv(
      {
        PARLEY_REDIS_URL: redis.url,
        PARLEY_CLUSTER_SECRET: randomBytes(32).toString('hex'),
        PARLEY_FRONT_DOOR_SIP_PORT: String(port),
      },
      undefined,
      ['support'],
    );
    assert.ok(door);
    try {
      const response = await inviteFrontDoor(port, 'support');
      assert.equal(response.status, 503);
    } finally {
      await door.close();
    }
  });

  it('is absent without Redis and a cluster secret (one process needs neither)', () => {
    assert.equal(frontDoorFromEnv({}, undefined, ['support']), undefined);
  });
});
