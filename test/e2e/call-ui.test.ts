import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { createServer, type ParleyServer } from '../../src/server/server.ts';
import type { SessionModels } from '../../src/conversation/types.ts';
import type { AgentDefinition } from '../../src/spec/agent.ts';
import { seriousAxeViolations } from './axe.ts';
import {
  cleanUpBrowserTest,
  launchChromium,
  prepareBrowserTest,
  readDebug,
  screenshot,
  staticDir,
  waitFor,
  waitForDebug,
} from './browser-harness.ts';
import { buildMicWav } from './fixtures.ts';
import { PuppetSession } from './puppet-session.ts';

const demo: AgentDefinition = {
  id: 'demo',
  name: 'Demo',
  description: 'Answers opening hours.',
  language: 'en-US',
  systemPrompt: 'Answer questions about opening hours.',
  tools: [],
  ui: { page: 'agent.html', title: 'Opening hours' },
};
const walkie: AgentDefinition = {
  ...demo,
  id: 'walkie',
  name: 'Walkie',
  inputMode: 'push-to-talk',
  ui: { page: 'agent.html', title: 'Walkie-talkie' },
};
/** The technician's own page, driven by the puppet: for an alert cut off mid-sentence. */
const technician: AgentDefinition = {
  ...demo,
  id: 'technician',
  name: 'Technician',
  inputMode: 'push-to-talk',
  ui: { page: 'agent-technician.html', title: 'Technician copilot' },
};
const REPLY = 'We open at seven in the morning and close at nine in the evening every day.';

/**
 * The call header, transcript and controls of the generic page in real Chromium
 * (fake microphone playing speech), against the real server and transport with
 * a session the test drives event by event, so every state can be looked at.
 */
describe('the call page in headless Chromium', { timeout: 150_000 }, () => {
  let workDir: string;
  let server: ParleyServer | undefined;
  let browser: Browser;
  let port = 0;
  let baseUrl = '';
  const sessions: PuppetSession[] = [];
  const latest = () => {
    const session = sessions.at(-1);
    assert.ok(session, 'a session was opened');
    return session;
  };

  async function startServer(): Promise<void> {
    server = createServer({
      host: '127.0.0.1',
      port,
      agents: [demo, walkie, technician],
      makeModels: () => ({}) as SessionModels,
      createSession: (options) => {
        const session = new PuppetSession(options);
        sessions.push(session);
        return session;
      },
      staticDir,
    });
    baseUrl = await server.listen();
    port = Number(new URL(baseUrl).port);
  }

  async function stopServer(): Promise<void> {
    await server?.close();
    server = undefined;
  }

  const phase = (page: Page) => page.getAttribute('.call-header', 'data-phase');
  const untilPhase = (page: Page, wanted: string) =>
    waitFor(
      `the ${wanted} state`,
      () => phase(page),
      (p) => p === wanted,
      50,
    );
  const agentLine = (page: Page) => page.textContent('#log li.agent:last-of-type .said');

  async function expectAccessible(page: Page, where: string): Promise<void> {
    const violations = await seriousAxeViolations(page);
    assert.deepEqual(violations, [], `${where}: ${JSON.stringify(violations, null, 1)}`);
  }

  before(async () => {
    workDir = await prepareBrowserTest('parley-call-ui-');
    const mic = await buildMicWav(workDir, [{ say: 'what time do you open' }, { silenceMs: 300 }]);
    await startServer();
    browser = await launchChromium(mic, { loop: true });
  });

  after(async () => {
    await cleanUpBrowserTest({ browsers: [browser], server, workDir });
  });

  it('says plainly when an agent does not exist, and offers a way back', async () => {
    const page = await browser.newPage();
    await page.goto(`${baseUrl}/agent.html?agent=nobody`);
    await page.click('#start');
    await untilPhase(page, 'failed');
    const detail = (await page.textContent('#status-detail')) ?? '';
    assert.match(detail, /no agent called “nobody”/);
    assert.equal(await page.isVisible('#back'), true, 'a link back to the agents');
    assert.equal(await page.isVisible('#start'), false, 'no point trying the same agent again');
    await screenshot(page, 'call-unknown-agent');
    await page.close();
  });

  it('says plainly when the picker cannot reach the server (no raw error)', async () => {
    const page = await browser.newPage();
    await page.route('**/api/agents', (route) => route.abort('connectionrefused'));
    await page.goto(`${baseUrl}/`);
    const problem = await page.waitForSelector('p.problem[role=alert]');
    const text = (await problem.textContent()) ?? '';
    assert.match(text, /Can’t reach the Parley server/);
    assert.doesNotMatch(text, /SyntaxError|TypeError/);
    await screenshot(page, 'picker-unreachable');
    await page.close();
    // The healthy picker in a page that never had a route: a page whose only route was just
    // removed once stalled its next /api/agents request past the 30 s wait (CI, 27 Nov).
    const healthy = await browser.newPage();
    await healthy.goto(`${baseUrl}/`);
    await healthy.waitForSelector('#agents a');
    await screenshot(healthy, 'picker');
    await expectAccessible(healthy, 'picker');
    await healthy.close();
  });

  it('shows a safety alert whole and as role=alert even when it is cut off', async () => {
    const page = await browser.newPage();
    await page.goto(`${baseUrl}/agent-technician.html?agent=technician`);
    await page.click('#start');
    await untilPhase(page, 'listening');
    const session = latest();
    const alert = 'ALERT: 7.2 bar is above the 6.5 bar maximum. Act now: close the valve.';
    session.emit({ type: 'turn.start', turnId: 1, userText: 'pressure is 7.2 bar' });
    session.emit({ type: 'agent.text', turnId: 1, text: alert });
    session.startTone(1);
    await untilPhase(page, 'agent-speaking');
    session.stopTone();
    session.emit({ type: 'interrupt', turnId: 1, heardText: 'ALERT: 7.2 bar' });
    session.emit({ type: 'agent.audio.end', turnId: 1, interrupted: true });
    await page.waitForSelector('#log li.agent.alert.interrupted');
    assert.equal(await page.textContent('#log li.alert [role=alert]'), alert);
    await screenshot(page, 'technician-alert-cut-off');
    await expectAccessible(page, 'technician alert');
    await page.close();
  });

  describe('one call, state by state', () => {
    let page: Page;

    before(async () => {
      page = await browser.newPage({ viewport: { width: 900, height: 800 } });
      page.on('console', (message) => {
        if (message.type() === 'error') console.error(`page: ${message.text()}`);
      });
      await page.goto(`${baseUrl}/agent.html?agent=demo`);
    });

    after(() => page.close());

    it('starts ready to call, accessible', async () => {
      assert.equal(await phase(page), 'idle');
      assert.equal(await page.textContent('#start'), 'Start call');
      assert.equal(await page.isVisible('label[for=text]'), true, 'the text box has a label');
      await screenshot(page, 'call-0-idle');
      await expectAccessible(page, 'idle');
    });

    it('keeps a message typed before the call and sends it once the server is back', async () => {
      await stopServer();
      await page.fill('#text', 'hello there');
      await page.press('#text', 'Enter');
      assert.equal(await page.isVisible('#log li.user.queued'), true);
      await untilPhase(page, 'reconnecting');
      const detail = (await page.textContent('#status-detail')) ?? '';
      assert.match(detail, /Can’t reach the Parley server/);
      assert.match(detail, /Trying again in/);
      await screenshot(page, 'call-1-unreachable');
      const before = sessions.length;
      await startServer();
      await untilPhase(page, 'listening');
      assert.equal(sessions.length, before + 1);
      await waitFor(
        'the queued text',
        () => Promise.resolve(latest().texts),
        (t) => t.length > 0,
      );
      assert.deepEqual(latest().texts, ['hello there']);
      await page.waitForSelector('#log li.user:not(.queued)');
      assert.equal(await page.$$eval('#log li.user.queued', (n) => n.length), 0);
    });

    it('shows listening with a live microphone meter once the mic is open', async () => {
      await waitForDebug(page, 'the microphone', (d) => d.micOpen);
      await waitFor(
        'the mic meter to move',
        () => page.getAttribute('#mic-level', 'data-level'),
        (level) => Number(level) > 0.2,
        50,
      );
      assert.equal(await page.isVisible('#mute'), true);
      assert.equal(await page.isVisible('#end-call'), true);
      await screenshot(page, 'call-2-listening');
    });

    it('shows the user speaking, then thinking', async () => {
      const session = latest();
      session.emit({ type: 'user.speech-start', atMs: 0 });
      await untilPhase(page, 'user-speaking');
      assert.equal(await page.textContent('#phase'), 'You’re speaking');
      await screenshot(page, 'call-3-user-speaking');
      session.emit({ type: 'user.speech-end', atMs: 0 });
      session.emit({ type: 'transcript.final', text: 'what time do you open' });
      session.emit({ type: 'turn.start', turnId: 2, userText: 'what time do you open' });
      await untilPhase(page, 'thinking');
      await screenshot(page, 'call-4-thinking');
    });

    it('reveals the reply word by word as it plays, with the agent meter moving', async () => {
      const session = latest();
      session.emit({ type: 'agent.text', turnId: 2, text: REPLY });
      REPLY.split(' ').forEach((word, index) =>
        session.emit({
          type: 'agent.word',
          turnId: 2,
          word,
          startMs: index * 400,
          endMs: index * 400 + 350,
        }),
      );
      assert.equal(await agentLine(page), '', 'nothing is shown before it is heard');
      session.startTone(2);
      await untilPhase(page, 'agent-speaking');
      const partial = await waitFor(
        'a partly revealed reply',
        () => agentLine(page),
        (text) => (text ?? '').split(' ').length >= 3,
        50,
      );
      assert.ok(REPLY.startsWith(partial ?? ''), `"${partial}" is the start of the reply`);
      assert.ok((partial ?? '').length < REPLY.length, 'the rest is not shown yet');
      const level = await waitFor(
        'the agent meter to move',
        () => page.getAttribute('#agent-level', 'data-level'),
        (value) => Number(value) > 0.2,
        50,
      );
      assert.ok(Number(level) > 0.2);
      assert.equal(
        await page.textContent('#announcer'),
        '',
        'the half-heard sentence is not announced yet',
      );
      await screenshot(page, 'call-5-agent-speaking');
    });

    it('shows a pause, then an interruption that cuts the text at the heard word', async () => {
      const session = latest();
      session.emit({ type: 'user.speech-start', atMs: 0 });
      session.emit({ type: 'agent.paused', turnId: 2 });
      session.pauseTone(true);
      await untilPhase(page, 'paused');
      await screenshot(page, 'call-6-paused');
      session.stopTone();
      session.emit({ type: 'interrupt', turnId: 2, heardText: 'We open at seven' });
      session.emit({ type: 'agent.audio.end', turnId: 2, interrupted: true });
      session.emit({ type: 'turn.end', turnId: 2, interrupted: true });
      await untilPhase(page, 'interrupted');
      assert.equal(await agentLine(page), 'We open at seven');
      assert.equal(await page.textContent('#log li.agent.interrupted .tag'), 'interrupted');
      assert.match(
        (await page.textContent('#announcer')) ?? '',
        /We open at seven… \(interrupted\)/,
        'the heard part is announced once, after it was heard',
      );
      await screenshot(page, 'call-7-interrupted');
      session.emit({ type: 'user.speech-end', atMs: 0 });
      await untilPhase(page, 'listening');
    });

    it('gives each turn one plain latency headline with the breakdown behind Details', async () => {
      const session = latest();
      session.emit({
        type: 'metrics.turn',
        metrics: {
          turnId: 2,
          interrupted: true,
          endpointingMs: 210,
          llmFirstTokenMs: 40,
          firstAudioMs: 320,
          interruptMs: 140,
        },
      });
      const headline = await page.waitForSelector('#log li.agent .latency .headline');
      const text = (await headline.textContent()) ?? '';
      const match = /answered in (\d+\.\d\d) s/.exec(text);
      assert.ok(match, `headline: "${text}"`);
      assert.ok(Number(match[1]) >= 0.32, 'the heard figure includes the server’s 0.32 s');
      assert.match(text, /stopped 0\.14 s after you spoke/);
      assert.equal(await page.isVisible('.latency dl'), false, 'the breakdown starts folded');
      await page.click('.latency summary');
      assert.match((await page.textContent('.latency dl')) ?? '', /end-of-turn detection/);
      await screenshot(page, 'call-8-latency');
      await expectAccessible(page, 'mid-call');
    });

    it('mutes: nothing reaches the server until unmuted', async () => {
      await page.click('#mute');
      assert.equal(await page.getAttribute('#mute', 'aria-pressed'), 'true');
      assert.match((await page.textContent('#status-detail')) ?? '', /Muted/);
      await page.waitForTimeout(200);
      const mutedAt = latest().audioFrames;
      await page.waitForTimeout(600);
      assert.equal(latest().audioFrames, mutedAt, 'no frames while muted');
      await screenshot(page, 'call-9-muted');
      await page.click('#mute');
      await waitFor(
        'frames again',
        () => Promise.resolve(latest().audioFrames),
        (n) => n > mutedAt + 10,
      );
    });

    it('reconnects when the server restarts mid-call, with a divider in the transcript', async () => {
      const first = (await readDebug(page)).sessionId;
      await stopServer();
      await untilPhase(page, 'reconnecting');
      assert.match((await page.textContent('#log')) ?? '', /The call dropped/);
      await screenshot(page, 'call-10-reconnecting');
      await startServer();
      await untilPhase(page, 'listening');
      const second = (await readDebug(page)).sessionId;
      assert.notEqual(second, first);
      assert.match((await page.textContent('#log li.divider')) ?? '', /Reconnected/);
      const session = latest();
      session.emit({ type: 'turn.start', turnId: 1, userText: 'hi again' });
      session.emit({ type: 'agent.text', turnId: 1, text: 'Hello again.' });
      session.startTone(1);
      await waitFor(
        'the new reply',
        () => agentLine(page),
        (t) => t === 'Hello again.',
        50,
      );
      session.stopTone();
      session.emit({ type: 'agent.audio.end', turnId: 1, interrupted: false });
      assert.equal(
        await page.$$eval('#log li.agent', (n) => n.length),
        2,
        'the new turn 1 has its own line; the old turn 2 is untouched',
      );
      assert.equal(await page.textContent('#log li.agent .said'), 'We open at seven');
      await screenshot(page, 'call-11-reconnected');
    });

    it('ends the call on End call and can call again', async () => {
      const session = latest();
      await page.click('#end-call');
      await untilPhase(page, 'ended');
      await waitFor(
        'the session to close',
        () => Promise.resolve(session.closed),
        (c) => c,
      );
      assert.equal(await page.textContent('#start'), 'Call again');
      assert.equal(await page.isVisible('#mute'), false);
      await waitForDebug(page, 'the microphone to close', (d) => !d.micOpen);
      await screenshot(page, 'call-12-ended');
    });
  });

  it('gives feedback when a push-to-talk press is too short or heard no words', async () => {
    const page = await browser.newPage();
    await page.goto(`${baseUrl}/agent.html?agent=walkie`);
    assert.equal(await page.isVisible('#ptt'), false, 'no talk button before the call');
    await page.click('#start');
    await untilPhase(page, 'listening');
    await waitFor(
      'the talk button',
      () => page.isEnabled('#ptt'),
      (enabled) => enabled,
      50,
    );
    const box = await page.locator('#ptt').boundingBox();
    assert.ok(box);
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.up();
    await waitForDebug(page, 'tap feedback', (d) => /too short/.test(d.pttFeedback ?? ''));
    await page.mouse.down();
    await untilPhase(page, 'user-speaking');
    await page.waitForTimeout(900);
    await page.mouse.up();
    assert.deepEqual(latest().ptt, ['down', 'up', 'down', 'up']);
    await waitForDebug(page, 'no-words feedback', (d) => /did not catch/.test(d.pttFeedback ?? ''));
    assert.match((await page.textContent('#status-detail')) ?? '', /did not catch any words/);
    await screenshot(page, 'call-ptt-feedback');
    await page.close();
  });

  it('fits a 390 px phone without sideways scrolling', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true });
    await page.goto(`${baseUrl}/agent.html?agent=demo`);
    await page.click('#start');
    await untilPhase(page, 'listening');
    const session = latest();
    session.emit({ type: 'transcript.final', text: 'what time do you open on public holidays' });
    session.emit({ type: 'turn.start', turnId: 1, userText: 'x' });
    session.emit({ type: 'agent.text', turnId: 1, text: REPLY });
    session.startTone(1);
    await untilPhase(page, 'agent-speaking');
    await page.waitForTimeout(1500);
    session.stopTone();
    session.emit({ type: 'agent.audio.end', turnId: 1, interrupted: false });
    session.emit({
      type: 'metrics.turn',
      metrics: { turnId: 1, interrupted: false, firstAudioMs: 400, endpointingMs: 300 },
    });
    await waitFor(
      'the full reply',
      () => agentLine(page),
      (t) => t === REPLY,
      50,
    );
    const announced = await page.$$eval('#announcer p', (lines) => lines.map((l) => l.textContent));
    assert.deepEqual(announced, [REPLY], 'the heard sentence is announced once');
    await page.click('.latency summary');
    const widths = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      client: document.documentElement.clientWidth,
    }));
    assert.ok(widths.scroll <= widths.client, `page ${widths.scroll} px wide in ${widths.client}`);
    await screenshot(page, 'call-mobile');
    await expectAccessible(page, 'mobile');
    for (const agentPage of ['agent-cafe', 'agent-support', 'agent-technician']) {
      await page.goto(`${baseUrl}/${agentPage}.html`);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(width <= 390, `${agentPage} is ${width} px wide on a 390 px phone`);
      await screenshot(page, `${agentPage}-mobile`);
    }
    await page.close();
  });
});
