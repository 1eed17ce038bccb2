import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { demoAgent, StubSession } from '../../src/server/stub-session.fixture.ts';
import { waitForRegistration } from '../../src/transport/sip/registration.ts';
import { kamailioInstalled, startKamailio } from './kamailio.ts';
import { RtpCaller } from './rtp-caller.ts';
import { freeUdpPort, startSipServer, type SipHarness } from './sip-harness.ts';

const PASSWORD = 'p4rley-trunk';

describe(
  'REGISTER with a real registrar (Kamailio) that routes calls to the registered contact',
  {
    skip: kamailioInstalled() ? false : 'kamailio is not installed (scripts/setup.sh adds it)',
    timeout: 60_000,
  },
  () => {
    let workDir: string;
    let kamailioPort: number;
    let kamailio: Awaited<ReturnType<typeof startKamailio>>;
    const harnesses: SipHarness[] = [];
    const sessions: StubSession[] = [];

    before(async () => {
      workDir = await mkdtemp(join(tmpdir(), 'parley-kamailio-'));
      kamailioPort = await freeUdpPort();
      kamailio = await startKamailio(workDir, {
        port: kamailioPort,
        password: PASSWORD,
        algorithm: 'SHA-256',
        maxExpiresS: 2,
      });
    });

    after(async () => {
      await Promise.all(harnesses.map((harness) => harness.close()));
      await kamailio?.stop();
      await rm(workDir, { recursive: true, force: true });
    });

    async function parley(password: string) {
      const harness = await startSipServer(
        [demoAgent],
        (options) => {
          const session = new StubSession(options);
          sessions.push(session);
          return session;
        },
        {
          registration: {
            registrar: `sip:127.0.0.1:${kamailioPort}`,
            username: 'parley',
            password,
          },
        },
      );
      harnesses.push(harness);
      return harness;
    }

    it('registers with SHA-256 digest, stays reachable past the granted expiry, and is gone after close', async () => {
      const harness = await parley(PASSWORD);
      const registration = harness.server.registration!;
      await waitForRegistration(registration, 'registered', AbortSignal.timeout(15_000)).catch(
        (error: unknown) => {
          throw new Error(
            `not registered: ${registration.lastError?.message}\n${kamailio.log().slice(-2000)}`,
            { cause: error },
          );
        },
      );
      assert.equal(registration.grantedS, 2, 'Kamailio granted its max_expires');
      // Three granted lifetimes later the binding is still there: it was refreshed in time.
      await new Promise((resolve) => setTimeout(resolve, 5_000));
      assert.equal(registration.state, 'registered');
      const caller = await RtpCaller.dial(kamailioPort, 'parley');
      assert.equal(sessions.length, 1, 'the provider routed the call to Parley');
      assert.equal(sessions[0]!.agent.id, demoAgent.id, 'the account user picks the default agent');
      assert.equal((await caller.hangUp()).status, 200);
      await harness.close();
      assert.equal(registration.state, 'unregistered');
      await assert.rejects(RtpCaller.dial(kamailioPort, 'parley'), /INVITE answered 404/);
    });

    it('is refused by the registrar with a wrong password, as a typed error', async () => {
      const harness = await parley('not-the-password');
      const registration = harness.server.registration!;
      await waitForRegistration(registration, 'failed', AbortSignal.timeout(15_000));
      assert.equal(registration.lastError?.name, 'ProviderError');
      assert.match(registration.lastError?.message ?? '', /refused our credentials: 401/);
      await harness.close();
    });
  },
);
