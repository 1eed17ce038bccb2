import assert from 'node:assert/strict';
import { createServer as createHttpServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { WebSocket } from 'ws';
import { DEMO_AGENT } from '../../src/server/demo-agent.ts';
import { createLocalModels } from '../../src/server/local-models.ts';
import { createServer, type ParleyServer } from '../../src/server/server.ts';
import { createSession } from '../../src/conversation/index.ts';
import type { AgentDefinition } from '../../src/spec/agent.ts';
import {
  cleanUpBrowserTest,
  launchChromium,
  prepareBrowserTest,
  screenshot,
  staticDir,
} from './browser-harness.ts';
import { buildMicWav } from './fixtures.ts';

const LONG_REPLY =
  'We open at seven in the morning on weekdays and at eight on weekends, and we close at nine in the evening, except on holidays when we close at noon.';
const agent: AgentDefinition = {
  ...DEMO_AGENT,
  dialogue: {
    intents: [
      {
        name: 'hours',
        examples: ['what time do you open', 'what time do you close'],
        reply: LONG_REPLY,
      },
    ],
    fallbackReply: 'I can only tell you our opening hours.',
  },
};

/** A shop's own page on another origin (another port), embedding the widget from the agent server. */
function shopPage(agentUrl: string): string {
  return `<!doctype html><html><head><title>Shop</title>
<script type="module" src="${agentUrl}/parley-call.js"></script></head>
<body><h1>Our shop</h1>
<parley-call agent="demo" server="${agentUrl}" style="--parley-accent: #c026d3"></parley-call>
<script>
  window.parleyEvents = [];
  document.querySelector('parley-call').addEventListener('parley-event', (e) => window.parleyEvents.push(e.detail));
  document.querySelector('parley-call').addEventListener('parley-error', (e) => window.parleyEvents.push({ type: 'widget-error', message: String(e.detail) }));
</script></body></html>`;
}

describe(
  '<parley-call> on another origin, in Chromium with a fake microphone',
  { timeout: 150_000 },
  () => {
    let workDir: string;
    let shopOrigin = '';
    let agentUrl = '';
    let server: ParleyServer;
    let shop: Server;
    let browser: Browser;
    let page: Page;

    before(async () => {
      workDir = await prepareBrowserTest('parley-e2e-widget-');
      const micWav = await buildMicWav(workDir, [
        { silenceMs: 4_000 },
        { say: 'what time do you open' },
        { silenceMs: 1_800 },
        { say: 'what time do you close' },
        { silenceMs: 20_000 },
      ]);
      let html = '';
      shop = createHttpServer((_request, response) => {
        response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
      });
      await new Promise<void>((resolve) => shop.listen(0, '127.0.0.1', resolve));
      shopOrigin = `http://127.0.0.1:${(shop.address() as AddressInfo).port}`;
      server = createServer({
        port: 0,
        agents: [agent],
        makeModels: createLocalModels,
        createSession,
        staticDir,
        allowedOrigins: [shopOrigin],
      });
      agentUrl = await server.listen();
      html = shopPage(agentUrl);
      browser = await launchChromium(micWav, { loop: false });
      page = await browser.newPage();
      await page.goto(`${shopOrigin}/`);
      await page.click('parley-call button.call');
    });

    after(async () => {
      await cleanUpBrowserTest({ browsers: [browser], server, workDir });
      await new Promise((resolve) => shop.close(resolve));
    });

    const events = () =>
      page.evaluate(
        () => (window as unknown as { parleyEvents: Record<string, unknown>[] }).parleyEvents,
      );
    async function waitForEvent(
      what: string,
      predicate: (event: Record<string, unknown>) => boolean,
    ): Promise<Record<string, unknown>> {
      for (let i = 0; i < 600; i++) {
        const found = (await events()).find(predicate);
        if (found) return found;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      throw new Error(`no ${what}; events: ${JSON.stringify(await events()).slice(0, 3000)}`);
    }

    it('holds a full spoken turn through the widget, themed by the page', async () => {
      const question = await waitForEvent('question', (e) => e['type'] === 'transcript.final');
      assert.match(String(question['text']), /open/);
      const reply = await waitForEvent(
        'reply',
        (e) => e['type'] === 'agent.text' && /seven in the morning/.test(String(e['text'])),
      );
      await waitForEvent(
        'reply audio',
        (e) => e['type'] === 'agent.audio.start' && e['turnId'] === reply['turnId'],
      );
      const accent = await page.evaluate(() => {
        const button = document.querySelector('parley-call')?.shadowRoot?.querySelector('button');
        return button ? getComputedStyle(button).backgroundColor : '';
      });
      assert.equal(accent, 'rgb(192, 38, 211)');
      assert.deepEqual(
        (await events()).filter((e) => e['type'] === 'widget-error'),
        [],
      );
      await screenshot(page, 'e2e-widget');
    });

    it('refuses the call socket to origins it was not told to allow', async () => {
      const status = (origin: string) =>
        new Promise<number>((resolve, reject) => {
          const socket = new WebSocket(`${agentUrl.replace('http', 'ws')}/ws`, {
            headers: { origin },
          });
          socket.once('unexpected-response', (_request, response) =>
            resolve(response.statusCode ?? 0),
          );
          socket.once('open', () => {
            socket.close();
            resolve(101);
          });
          socket.once('error', reject);
        });
      assert.equal(await status('http://127.0.0.1:1'), 403);
      assert.equal(await status(shopOrigin), 101);
    });

    it('stops the reply when the caller talks over it', async () => {
      const interrupt = await waitForEvent('barge-in', (e) => e['type'] === 'interrupt');
      const heard = String(interrupt['heardText']).toLowerCase();
      assert.ok(heard.length < LONG_REPLY.length, `only part of the reply was heard: "${heard}"`);
      await waitForEvent(
        'the second question',
        (e) => e['type'] === 'transcript.final' && /close/.test(String(e['text'])),
      );
    });
  },
);
