import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { createPocketsphinxStt } from '../../src/providers/local/stt/index.ts';
import { createServer, type ParleyServer } from '../../src/server/server.ts';
import type { SessionModels } from '../../src/conversation/types.ts';
import type { AgentDefinition } from '../../src/spec/agent.ts';
import {
  cleanUpBrowserTest,
  launchChromium,
  prepareBrowserTest,
  readDebug,
  screenshot,
  staticDir,
  waitForDebug,
} from './browser-harness.ts';
import { buildMicWav } from './fixtures.ts';
import { REPLY_TEXT, ToneSession } from './tone-session.ts';

const agent: AgentDefinition = {
  id: 'demo',
  name: 'Demo',
  description: 'Answers opening hours.',
  language: 'en-US',
  systemPrompt: 'Answer questions about opening hours.',
  tools: [],
  ui: { page: 'agent.html', title: 'Demo agent' },
  vocabulary: { phrases: ['what time do you open', 'stop please wait'] },
};

describe('browser client in headless Chromium with a fake microphone', { timeout: 120_000 }, () => {
  let workDir: string;
  let server: ParleyServer;
  let browser: Browser;
  let page: Page;
  let baseUrl: string;
  const sessions: ToneSession[] = [];

  before(async () => {
    workDir = await prepareBrowserTest('parley-e2e-');
    const micWav = await buildMicWav(workDir, [
      { silenceMs: 1_000 },
      { say: 'what time do you open' },
      // Long enough for pocketsphinx's final on a loaded machine before the barge-in.
      { silenceMs: 5_000 },
      { say: 'stop please wait' },
      { silenceMs: 15_000 },
    ]);
    server = createServer({
      port: 0,
      agents: [agent],
      makeModels: () => ({ stt: createPocketsphinxStt() }) as unknown as SessionModels,
      createSession: (options) => {
        const session = new ToneSession(options);
        sessions.push(session);
        return session;
      },
      staticDir,
    });
    baseUrl = await server.listen();
    browser = await launchChromium(micWav, { loop: false });
    page = await browser.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error') console.error(`page: ${message.text()}`);
    });
    await page.goto(`${baseUrl}/agent.html?agent=demo`);
    await screenshot(page, 'e2e-0-before-start');
    await page.click('#start');
  });

  after(async () => {
    await cleanUpBrowserTest({ browsers: [browser], server, workDir });
  });

  it('shows the spoken question as a transcript and plays the reply audio', async () => {
    await waitForDebug(page, 'the microphone', (debug) => debug.state === 'listening');
    await page.waitForSelector('#log li.user', { timeout: 30_000 });
    const said = (await page.textContent('#log li.user')) ?? '';
    assert.match(said, /open/, `transcript: "${said}"`);
    await page.waitForSelector('#log li.agent', { timeout: 10_000 });
    const debug = await waitForDebug(
      page,
      'reply playback',
      (d) => (d.playedMsByTurn[1] ?? 0) >= 500,
    );
    assert.ok(debug.framesSent > 50, 'the page sent microphone frames');
    assert.ok(debug.audioFramesReceived > 20, 'the page received agent audio');
    await screenshot(page, 'e2e-1-reply-playing');
  });

  it('flushes playback when the user talks over the reply and keeps only the heard words', async () => {
    const debug = await waitForDebug(
      page,
      'the barge-in',
      (d) => d.interrupts >= 1 && d.flushes >= 1,
    );
    await page.waitForSelector('#log li.agent.interrupted', { timeout: 10_000 });
    await screenshot(page, 'e2e-2-interrupted');
    const session = sessions[0];
    assert.ok(session);
    const reply = session.history.find((message) => message.role === 'assistant');
    assert.ok(reply && reply.role === 'assistant');
    assert.equal(reply.interrupted, true);
    assert.ok(
      reply.content.length < REPLY_TEXT.length,
      `history holds only the heard part: "${reply.content}"`,
    );
    assert.ok(REPLY_TEXT.startsWith(reply.content));
    const playedMs = debug.playedMsByTurn[1] ?? 0;
    assert.ok(
      playedMs > 0 && playedMs < session.replyMs,
      `played ${playedMs} ms of ${session.replyMs}`,
    );
    const framesAfterFlush = debug.audioFramesByTurn[1];
    await new Promise((resolve) => setTimeout(resolve, 500));
    const later = await readDebug(page);
    assert.equal(
      later.audioFramesByTurn[1],
      framesAfterFlush,
      'no audio of the interrupted turn arrives after the interrupt',
    );
    assert.deepEqual(later.errors, []);
  });

  it('lists the agents on the picker page with links to their pages', async () => {
    const picker = await browser.newPage();
    await picker.goto(`${baseUrl}/`);
    const link = await picker.waitForSelector('#agents a');
    assert.equal(await link.textContent(), 'Demo agent');
    assert.equal(await link.getAttribute('href'), 'agent.html?agent=demo');
    await screenshot(picker, 'e2e-picker');
    await picker.close();
  });
});
