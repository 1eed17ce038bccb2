/**
 * The web client in headless Chromium (fake microphone) reports what getUserMedia granted, and
 * the server turns its own echo canceller on only for the client without echo cancellation.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import type { SessionOptions } from '../../src/conversation/types.ts';
import { echoCancellersFromEnv, type EchoClientFacts } from '../../src/server/echo-default.ts';
import { createServer, type ParleyServer } from '../../src/server/server.ts';
import { demoAgent, noModels, StubSession } from '../../src/server/stub-session.fixture.ts';
import {
  cleanUpBrowserTest,
  launchChromium,
  prepareBrowserTest,
  staticDir,
  waitFor,
} from '../e2e/browser-harness.ts';
import { buildMicWav } from '../e2e/fixtures.ts';

const agent = { ...demoAgent, ui: { page: 'agent.html', title: 'Demo agent' } };

describe(
  'browser client: getUserMedia report and the server echo default',
  { timeout: 120_000 },
  () => {
    let workDir: string | undefined;
    let server: ParleyServer | undefined;
    let browser: Browser | undefined;
    let baseUrl: string;
    const opened: SessionOptions[] = [];
    const reported: EchoClientFacts[] = [];

    before(async () => {
      workDir = await prepareBrowserTest('parley-echo-browser-');
      const micWav = await buildMicWav(workDir, [{ silenceMs: 3_000 }]);
      server = createServer({
        port: 0,
        agents: [agent],
        makeModels: () => noModels,
        createSession: (options) => {
          opened.push(options);
          return new StubSession(options);
        },
        echoCancellers: (agentDefinition, facts) => {
          reported.push(facts);
          return echoCancellersFromEnv({})(agentDefinition, facts);
        },
        staticDir,
        onProblem: () => undefined,
        onNotice: () => undefined,
      });
      baseUrl = await server.listen();
      browser = await launchChromium(micWav, { loop: true });
    });

    after(async () => {
      for (const options of opened) options.echoCanceller?.close();
      await cleanUpBrowserTest({ browsers: [browser], server, workDir });
    });

    /** Starts a call on the agent page and returns the options its session was opened with. */
    async function call(query: string): Promise<SessionOptions> {
      const page = await browser!.newPage();
      try {
        const before = opened.length;
        await page.goto(`${baseUrl}/agent.html?agent=demo${query}`);
        await page.click('#start');
        await waitFor(
          'a session',
          () => Promise.resolve(opened.length),
          (n) => n > before,
        );
        return opened[before]!;
      } finally {
        await page.close();
      }
    }

    it('gets the server canceller when the microphone was opened without echo cancellation', async () => {
      const options = await call('&rawMic=1');
      assert.deepEqual(reported.at(-1), { transport: 'browser', clientEchoCancellation: false });
      assert.ok(options.echoCanceller, 'the server did not turn its canceller on');
    });

    it("leaves the browser's own echo cancellation to it", async () => {
      const options = await call('');
      assert.deepEqual(reported.at(-1), { transport: 'browser', clientEchoCancellation: true });
      assert.equal(options.echoCanceller, undefined);
    });
  },
);
