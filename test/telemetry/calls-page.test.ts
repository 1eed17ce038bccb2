import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Browser, Page } from 'playwright-core';
import { encodeWav } from '../../src/audio/wav.ts';
import type { AnyToolDefinition } from '../../src/spec/tool.ts';
import { MemoryCallLog } from '../../src/telemetry/calls/memory-call-log.ts';
import { RecordingStore } from '../../src/telemetry/recording/store.ts';
import { createTelemetry } from '../../src/telemetry/telemetry.ts';
import { TestClient } from '../../src/server/ws-test-client.fixture.ts';
import {
  cleanUpBrowserTest,
  launchChromium,
  prepareBrowserTest,
  screenshot,
  staticDir,
  waitFor,
} from '../e2e/browser-harness.ts';
import { startParley, TOKEN } from './parley-fixture.ts';

const orderTool: AnyToolDefinition = {
  name: 'get_order_status',
  description: 'Look up an order by its number',
  parameters: { type: 'object', properties: { order_id: { type: 'string' } } },
  execute: () => Promise.resolve({ status: 'shipped', eta: 'Friday' }),
};

const LONG = 'Let me tell you everything about our return policy in great detail. '.repeat(8);

describe('the call log page in Chromium', () => {
  let parley: Awaited<ReturnType<typeof startParley>> | undefined;
  let browser: Browser | undefined;
  let workDir: string | undefined;
  let page: Page;
  const log = new MemoryCallLog();

  before(async () => {
    workDir = await prepareBrowserTest('parley-calls-');
    parley = await startParley(
      createTelemetry({
        callLog: log,
        recordings: new RecordingStore(join(workDir, 'rec')),
        pagesDir: staticDir,
      }),
      { name: 'Order desk', tools: [orderTool], recording: { enabled: true } },
      {
        staticDir,
        llm: (call, index) =>
          index === 0
            ? {
                firstTokenDelayMs: 40,
                toolCalls: [{ name: 'get_order_status', arguments: { order_id: '4571' } }],
              }
            : index === 1
              ? {
                  firstTokenDelayMs: 30,
                  tokenIntervalMs: 5,
                  text: 'Order 4571 shipped and arrives Friday.',
                }
              : index === 2
                ? { firstTokenDelayMs: 30, tokenIntervalMs: 5, text: LONG }
                : { firstTokenDelayMs: 30, tokenIntervalMs: 5, text: 'Of course, goodbye.' },
      },
    );
    // One call: a tool turn, then a long reply the caller cuts off by typing over it.
    const client = await TestClient.open(parley.baseUrl);
    client.sendJson({ type: 'session.start', agent: 'test', sampleRate: 16_000, token: TOKEN });
    await client.waitFor('session.ready', () => true, 20_000);
    client.sendJson({ type: 'text.input', text: 'Where is order 4571?' });
    const first = await client.waitFor('turn.end', () => true, 20_000);
    client.sendJson({ type: 'text.input', text: 'What is your return policy?' });
    const second = await client.waitFor(
      'agent.audio.start',
      (m) => m.turnId !== first.turnId,
      20_000,
    );
    await sleep(800); // audio is paced in real time: let some of the reply play
    client.sendJson({ type: 'playback.position', turnId: second.turnId, playedMs: 600 });
    client.sendJson({ type: 'text.input', text: 'Stop, thanks, that is all.' });
    await client.waitFor('turn.end', (m) => m.turnId > second.turnId, 20_000);
    await client.close();
    await waitFor(
      'the call in the log',
      () => log.list(),
      (calls) => calls.length === 1,
    );
    const micWav = join(workDir, 'silence.wav');
    await writeFile(micWav, encodeWav(new Int16Array(1600), 16_000));
    browser = await launchChromium(micWav, { loop: false });
    page = await browser.newPage({ viewport: { width: 1100, height: 1300 } });
  });

  after(() => cleanUpBrowserTest({ browsers: [browser], server: parley?.server, workDir }));

  it('lists the call with its agent, turns and median latency', async () => {
    await page.goto(`${parley!.baseUrl}/calls?token=${TOKEN}`);
    await page.waitForSelector('#call-list tbody tr');
    const cells = await page.$$eval('#call-list tbody tr td', (tds) =>
      tds.map((td) => td.textContent),
    );
    assert.equal(cells[0], 'Order desk');
    assert.equal(cells[3], '3');
    assert.match(cells[4] ?? '', /^\d+ ms$/);
    await screenshot(page, 'calls-list');
  });

  it('shows one call: heard and unheard text, the tool call, a seekable waveform and waterfalls', async () => {
    await page.click('#call-list a');
    await page.waitForSelector('canvas.waveform');
    await page.waitForSelector('svg.waterfall rect');
    const tools = await page.$eval('table.tools', (t) => t.textContent ?? '');
    assert.match(tools, /get_order_status/);
    assert.match(tools, /4571/);
    assert.match(tools, /shipped/);
    const unheard = await page.$$eval('.unheard', (els) => els.map((e) => e.textContent ?? ''));
    assert.equal(unheard.length, 1, 'the cut-off reply shows its unheard words');
    assert.ok(unheard[0]!.length > 50);
    const charts = await page.$$eval('svg.waterfall', (svgs) => svgs.length);
    assert.equal(charts, 3, 'one waterfall chart per turn');
    const bars = await page.$$eval('section.turn', (sections) =>
      [...sections[0]!.querySelectorAll('svg.waterfall title')].map((t) => t.textContent ?? ''),
    );
    assert.ok(
      bars.some((b) => b.startsWith('execute tool get order status')),
      bars.join('; '),
    );

    await page.waitForFunction(() => {
      const audio = document.querySelector('audio');
      return audio !== null && Number.isFinite(audio.duration) && audio.duration > 0;
    });
    const box = (await page.$('canvas.waveform'))!;
    const rect = (await box.boundingBox())!;
    await page.mouse.click(rect.x + rect.width * 0.5, rect.y + rect.height / 2);
    const [time, durationS] = await page.$eval('audio', (a) => [a.currentTime, a.duration]);
    assert.ok(
      Math.abs(time - durationS / 2) < durationS * 0.05,
      `seeked to ${time} of ${durationS} s`,
    );
    await screenshot(page, 'call-detail');
  });
});
