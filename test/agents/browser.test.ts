import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { createAgents } from '../../src/agents/index.ts';
import { createLocalModels } from '../../src/server/local-models.ts';
import { createServer, type ParleyServer } from '../../src/server/server.ts';
import { createSession } from '../../src/conversation/index.ts';
import type { Session } from '../../src/conversation/types.ts';
import {
  cleanUpBrowserTest,
  launchChromium,
  prepareBrowserTest,
  screenshot,
  staticDir,
  waitFor as waitUntil,
} from '../e2e/browser-harness.ts';
import { seriousAxeViolations } from '../e2e/axe.ts';
import { buildMicWav } from '../e2e/fixtures.ts';

interface UiRecord {
  progress?: { fraction: number; label: string; atMs: number }[];
  completed?: number;
  wordsByTurn?: Record<number, number>;
  confidence?: number;
  unblurred?: { turnId: number; word: string; startMs: number; playedMs: number; atMs: number }[];
  held?: boolean;
  framesSent?: number;
  framesGated?: number;
  outcomes?: string[];
  corrections?: number;
}

const readUi = (page: Page) =>
  page.evaluate(() => (globalThis as unknown as { parleyAgentUi: UiRecord }).parleyAgentUi);

/** Polls every 50 ms (the agents' panels change quickly). */
const waitFor = <T>(what: string, read: () => Promise<T>, check: (value: T) => boolean) =>
  waitUntil(what, read, check, 50);

/** A fake-microphone WAV (Chromium loops it): loud speech, or silence. */
async function micWav(workDir: string, kind: 'speech' | 'silence'): Promise<string> {
  const dir = join(workDir, `mic-${kind}`);
  await mkdir(dir);
  if (kind === 'silence') return buildMicWav(dir, [{ silenceMs: 2_000 }]);
  const text = 'pressure on the pump is seven point two bar';
  return buildMicWav(dir, [{ silenceMs: 300 }, { say: text }, { silenceMs: 300 }]);
}

describe('the three agents’ pages in headless Chromium', { timeout: 180_000 }, () => {
  let workDir: string;
  let server: ParleyServer;
  /** A quiet room for the VAD agents; loud speech for the push-to-talk test. */
  let quiet: Browser;
  let loud: Browser;
  let baseUrl: string;
  /** Audio frames each session received from its page. */
  const framesReceived = new Map<string, number>();

  before(async () => {
    workDir = await prepareBrowserTest('parley-agents-web-');
    server = createServer({
      port: 0,
      agents: await createAgents({ dataDir: join(workDir, 'data') }),
      makeModels: createLocalModels,
      createSession: (options) => {
        const session = createSession(options);
        const agentId = options.agent.id;
        framesReceived.set(agentId, 0);
        return new Proxy(session, {
          get(target, property, receiver) {
            if (property === 'pushAudio') {
              return (chunk: Parameters<Session['pushAudio']>[0]) => {
                framesReceived.set(agentId, (framesReceived.get(agentId) ?? 0) + 1);
                target.pushAudio(chunk);
              };
            }
            return Reflect.get(target, property, receiver) as unknown;
          },
        });
      },
      staticDir,
    });
    baseUrl = await server.listen();
    quiet = await launchChromium(await micWav(workDir, 'silence'), { loop: true });
    loud = await launchChromium(await micWav(workDir, 'speech'), { loop: true });
  });

  after(async () => {
    await cleanUpBrowserTest({ browsers: [quiet, loud], server, workDir });
  });

  async function open(agentId: string, browser = quiet, start = true): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 900, height: 900 } });
    page.on('console', (message) => {
      if (message.type() === 'error') console.error(`page: ${message.text()}`);
    });
    await page.goto(`${baseUrl}/agent-${agentId}.html?agent=${agentId}`);
    if (!start) return page;
    await page.click('#start');
    await untilPhase(page, 'listening');
    return page;
  }

  const untilPhase = (page: Page, phase: string) =>
    waitFor(
      `the ${phase} state`,
      () => page.getAttribute('.call-header', 'data-phase'),
      (p) => p === phase,
    );

  async function expectAccessible(page: Page, where: string): Promise<void> {
    const violations = await seriousAxeViolations(page);
    assert.deepEqual(violations, [], `${where}: ${JSON.stringify(violations, null, 1)}`);
  }

  /** Waits until the agent has finished speaking (answering over it would barge in). */
  async function untilSilent(page: Page): Promise<void> {
    await waitFor(
      'the agent to finish speaking',
      () => page.evaluate(() => document.body.dataset['speaking']),
      (speaking) => speaking !== 'true',
    );
  }

  const fillColour = (page: Page) =>
    page.$eval('#diagnostic-bar .fill', (fill) => getComputedStyle(fill).backgroundColor);

  async function say(page: Page, text: string): Promise<void> {
    await page.fill('#text', text);
    await page.press('#text', 'Enter');
  }

  it('support: the diagnostics bar moves step by step while the order is checked', async () => {
    const page = await open('support');
    const panelBefore = await page.locator('#diagnostics').boundingBox();
    const logBefore = await page.locator('#log').boundingBox();
    await waitFor(
      'the greeting in the transcript',
      () => page.textContent('#log li.agent'),
      (t) => /How can I help/.test(t ?? ''),
    );
    await untilSilent(page);
    // An anonymous caller proves the order is theirs with its postcode (docs/security.md).
    await say(page, 'My postcode is 2 8 0 1 3.');
    await waitFor(
      'the postcode noted',
      () => page.textContent('#log'),
      (t) => /noted postcode/.test(t ?? ''),
    );
    await untilSilent(page);
    await say(page, 'Where is my order?');
    await waitFor(
      'the number prompt',
      () => page.textContent('#log'),
      (t) => /order number/.test(t ?? ''),
    );
    await untilSilent(page);
    await say(page, '4 5 7 1');
    const midway = await waitFor(
      'a partly filled bar',
      () => page.getAttribute('#diagnostic-bar', 'aria-valuenow'),
      (value) => Number(value) > 0 && Number(value) < 100,
    );
    await screenshot(page, 'agent-support');
    const panelDuring = await page.locator('#diagnostics').boundingBox();
    const logDuring = await page.locator('#log').boundingBox();
    assert.equal(
      panelDuring?.height,
      panelBefore?.height,
      'the panel has its space from the start',
    );
    assert.equal(logDuring?.y, logBefore?.y, 'the conversation did not move down');
    const ui = await waitFor(
      'the checks to finish',
      () => readUi(page),
      (r) => (r.completed ?? 0) >= 1,
    );
    const fractions = (ui.progress ?? []).map((p) => p.fraction);
    assert.deepEqual(fractions, [0, 0, 0.25, 0.5, 0.75, 1]);
    const times = (ui.progress ?? []).map((p) => p.atMs);
    assert.ok(times.at(-1)! - times[0]! > 600, 'the bar filled over the checks, not at once');
    assert.ok(Number(midway) > 0 && Number(midway) < 100);
    await waitFor(
      'the update',
      () => page.textContent('#log'),
      (t) => /Order 4 5 7 1 is delayed/.test(t ?? ''),
    );
    assert.equal(await page.getAttribute('#diagnostics', 'data-state'), 'done');
    assert.equal(await fillColour(page), 'rgb(26, 127, 55)', 'a found order turns the bar green');
    await screenshot(page, 'agent-support-done');
    await untilSilent(page);
    await say(page, 'Where is my order?');
    await waitFor(
      'the number prompt again',
      () => page.$$eval('#log li.agent', (lines) => lines.at(-1)?.textContent ?? ''),
      (t) => /order number\?/.test(t),
    );
    await untilSilent(page);
    await say(page, '9 9 9 9');
    const failed = await waitFor(
      'the second check',
      () => readUi(page),
      (r) => (r.completed ?? 0) >= 2,
    );
    assert.deepEqual(failed.outcomes, ['done', 'failed']);
    assert.equal(await page.getAttribute('#diagnostics', 'data-state'), 'failed');
    assert.equal(await fillColour(page), 'rgb(194, 31, 43)', 'an order not found turns it red');
    assert.match((await page.textContent('#diagnostic-label')) ?? '', /could not be found/);
    await screenshot(page, 'agent-support-failed');
    await expectAccessible(page, 'support');
    await page.close();
  });

  it('café: subtitle words unblur in step with the audio that reaches them', async () => {
    const page = await open('cafe', quiet, false);
    assert.equal(await page.textContent('#start'), 'Empezar', 'the controls are in Spanish');
    assert.equal(await page.textContent('label[for=text]'), 'Mensaje');
    await page.click('#start');
    await untilPhase(page, 'listening');
    await waitFor(
      'the greeting in the transcript',
      () => page.textContent('#log li.agent'),
      (t) => /Qué le pongo/.test(t ?? ''),
    );
    await untilSilent(page);
    await say(page, 'Quiero un café con leche, por favor.');
    await waitFor(
      'blurred words',
      () => page.$$eval('#subtitles .word.blurred', (n) => n.length),
      (n) => n >= 3,
    );
    await waitFor(
      'a partly revealed reply',
      () => readUi(page),
      (r) => {
        const turnId = Math.max(...Object.keys(r.wordsByTurn ?? {}).map(Number));
        const revealed = (r.unblurred ?? []).filter((w) => w.turnId === turnId).length;
        return turnId > 1 && revealed >= 2 && revealed < (r.wordsByTurn?.[turnId] ?? 0);
      },
    );
    const hidden = await page.evaluate(() => {
      const record = (globalThis as unknown as { parleyAgentUi: UiRecord }).parleyAgentUi;
      const turnId = Math.max(...Object.keys(record.wordsByTurn ?? {}).map(Number));
      const line = [...document.querySelectorAll('#log li.agent .said')].at(-1);
      const shownWords = (line?.textContent ?? '').split(/\s+/).filter(Boolean).length;
      return { shownWords, totalWords: record.wordsByTurn?.[turnId] ?? 0 };
    });
    assert.ok(
      hidden.shownWords < hidden.totalWords,
      `the chat shows ${hidden.shownWords} of ${hidden.totalWords} words: the rest is not heard yet`,
    );
    await screenshot(page, 'agent-cafe');
    const ui = await waitFor(
      'every word of the reply revealed',
      () => readUi(page),
      (r) => {
        const turnId = Math.max(...Object.keys(r.wordsByTurn ?? {}).map(Number));
        const revealed = (r.unblurred ?? []).filter((w) => w.turnId === turnId).length;
        return turnId > 1 && revealed === r.wordsByTurn?.[turnId];
      },
    );
    const replyTurn = Math.max(...Object.keys(ui.wordsByTurn ?? {}).map(Number));
    const shown = (ui.unblurred ?? []).filter((w) => w.turnId === replyTurn);
    for (const word of shown)
      assert.ok(word.playedMs >= word.startMs, `${word.word} shown before its audio`);
    const startsInOrder = shown.map((w) => w.startMs);
    assert.deepEqual(
      startsInOrder,
      [...startsInOrder].sort((a, b) => a - b),
    );
    const audioSpanMs = shown.at(-1)!.startMs - shown[0]!.startMs;
    const revealSpanMs = shown.at(-1)!.atMs - shown[0]!.atMs;
    assert.ok(audioSpanMs > 1000, `the reply lasts ${audioSpanMs} ms`);
    assert.ok(
      revealSpanMs > audioSpanMs * 0.6,
      `words were revealed over ${revealSpanMs} ms, following ${audioSpanMs} ms of audio`,
    );
    assert.ok((ui.confidence ?? 0) > 50, 'an understood order raises the confidence meter');
    await page.check('#show-translation');
    const translation = await waitFor(
      'the reply’s translation, once heard',
      () =>
        page.$$eval('#log li.agent', (lines) => {
          const note = lines.at(-1)?.querySelector('.translation');
          return note && getComputedStyle(note).display !== 'none' ? note.textContent : '';
        }),
      (text) => (text ?? '') !== '',
    );
    assert.match(translation ?? '', /coffee/);
    assert.match(
      (await page.textContent('#understood')) ?? '',
      /entendió: «Quiero un café con leche, por favor.»/,
    );
    await screenshot(page, 'agent-cafe-translated');
    await page.click('#not-what-i-said');
    const corrected = await readUi(page);
    assert.equal(corrected.corrections, 1);
    assert.equal(corrected.confidence, 50, 'the misheard turn no longer counts');
    assert.equal(await page.inputValue('#text'), 'Quiero un café con leche, por favor.');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'text');
    await screenshot(page, 'agent-cafe-correction');
    await expectAccessible(page, 'café');
    await page.close();
  });

  it('technician: the talk button waits for the microphone and says when a press heard nothing', async () => {
    const page = await open('technician', quiet, false);
    assert.equal(await page.isDisabled('#talk'), true, 'no talking before the call');
    assert.equal(await page.textContent('#mic-state'), 'MIC OFF: start the call');
    await screenshot(page, 'agent-technician-before-start');
    await page.focus('#start');
    await page.keyboard.press('Space');
    await untilPhase(page, 'listening');
    await waitFor(
      'the talk button',
      () => page.isEnabled('#talk'),
      (enabled) => enabled,
    );
    await untilSilent(page);
    await page.keyboard.down('Space');
    await page.waitForTimeout(800);
    await page.keyboard.up('Space');
    await waitFor(
      'the feedback',
      () => page.textContent('#status-detail'),
      (t) => /Nothing was heard/.test(t ?? ''),
    );
    await screenshot(page, 'agent-technician-silent-press');
    await page.close();
  });

  it('technician: no microphone audio reaches the server unless the talk button is held', async () => {
    const page = await open('technician', loud);
    await page.waitForTimeout(1500);
    const idle = await readUi(page);
    assert.ok((idle.framesGated ?? 0) > 20, 'the microphone was running');
    assert.equal(idle.framesSent, 0);
    assert.equal(framesReceived.get('technician'), 0);
    await page.keyboard.down('Space');
    await waitFor(
      'the live indicator',
      () => page.textContent('#mic-state'),
      (t) => t === 'MIC LIVE',
    );
    await screenshot(page, 'agent-technician-ptt');
    await page.waitForTimeout(1500);
    await page.keyboard.up('Space');
    const held = await readUi(page);
    assert.ok((held.framesSent ?? 0) > 20, 'frames flowed while the button was held');
    await page.waitForTimeout(500);
    const receivedAfterRelease = framesReceived.get('technician') ?? 0;
    assert.ok(receivedAfterRelease > 20, 'the server received the held audio');
    await page.waitForTimeout(1000);
    assert.equal(
      framesReceived.get('technician'),
      receivedAfterRelease,
      'gated again after release',
    );
    assert.equal((await readUi(page)).framesSent, held.framesSent);
    await untilSilent(page);
    // The held audio may itself have been heard as a reading and read back: wait for a new one.
    const readBacks = async () => ((await page.textContent('#log')) ?? '').split('Correct?').length;
    const readBacksBefore = await readBacks();
    await say(page, 'Pressure on PMP-200 is 7.2 bar.');
    // Safety readings are read back and confirmed before the check runs.
    await waitFor('the read-back', readBacks, (count) => count > readBacksBefore);
    await untilSilent(page);
    await say(page, 'Yes.');
    await waitFor(
      'the alert',
      () => page.$$eval('#log li.alert', (n) => n.length),
      (n) => n > 0,
    );
    assert.equal(await page.getAttribute('#log li.alert .said', 'role'), 'alert');
    assert.match((await page.textContent('#log li.alert')) ?? '', /^Agent: ALERT/);
    await screenshot(page, 'agent-technician');
    await expectAccessible(page, 'technician');
    await page.close();
  });
});
