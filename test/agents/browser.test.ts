import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createAgents } from '../../src/agents/index.ts';
import { createLocalModels } from '../../src/server/local-models.ts';
import { createServer, type ParleyServer } from '../../src/server/server.ts';
import { createSession } from '../../src/session/index.ts';
import type { Session } from '../../src/session/types.ts';

const run = promisify(execFile);
const root = join(import.meta.dirname, '../..');
const artifactsDir = join(root, 'test-artifacts');

interface UiRecord {
  progress?: { fraction: number; label: string; atMs: number }[];
  completed?: number;
  wordsByTurn?: Record<number, number>;
  confidence?: number;
  unblurred?: { turnId: number; word: string; startMs: number; playedMs: number; atMs: number }[];
  held?: boolean;
  framesSent?: number;
  framesGated?: number;
}

const readUi = (page: Page) =>
  page.evaluate(() => (globalThis as unknown as { parleyAgentUi: UiRecord }).parleyAgentUi);

async function waitFor<T>(what: string, read: () => Promise<T>, check: (value: T) => boolean) {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const value = await read();
    if (check(value)) return value;
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${what}: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A fake-microphone WAV at 48 kHz (Chromium loops it): loud speech, or silence. */
async function micWav(dir: string, kind: 'speech' | 'silence'): Promise<string> {
  const out = join(dir, `mic-${kind}.wav`);
  if (kind === 'silence') {
    await run('sox', ['-n', '-r', '48000', '-c', '1', '-b', '16', out, 'trim', '0', '2']);
    return out;
  }
  const speech = join(dir, 'speech.wav');
  const text = 'pressure on the pump is seven point two bar';
  await run('flite', ['-voice', 'kal16', '-t', text, '-o', speech]);
  await run('sox', [speech, '-r', '48000', '-c', '1', '-b', '16', out, 'pad', '0.3', '0.3']);
  return out;
}

function launch(micFile: string): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--autoplay-policy=no-user-gesture-required',
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream',
      `--use-file-for-fake-audio-capture=${micFile}`,
    ],
  });
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
    await run(process.execPath, [join(root, 'scripts/build-web.mjs')]);
    await mkdir(artifactsDir, { recursive: true });
    workDir = await mkdtemp(join(tmpdir(), 'parley-agents-web-'));
    server = createServer({
      port: 0,
      agents: createAgents({ dataDir: join(workDir, 'data') }),
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
      staticDir: join(root, 'web/dist'),
    });
    baseUrl = await server.listen();
    quiet = await launch(await micWav(workDir, 'silence'));
    loud = await launch(await micWav(workDir, 'speech'));
  });

  after(async () => {
    await quiet?.close();
    await loud?.close();
    await server?.close();
    if (workDir) await rm(workDir, { recursive: true, force: true });
  });

  async function open(agentId: string, browser = quiet): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 900, height: 900 } });
    await page.goto(`${baseUrl}/agent-${agentId}.html?agent=${agentId}`);
    await page.click('#start');
    await waitFor(
      'the session',
      () => page.textContent('#status'),
      (s) => /Listening|Hold/.test(s ?? ''),
    );
    return page;
  }

  /** Waits until the agent has finished speaking (answering over it would barge in). */
  async function untilSilent(page: Page): Promise<void> {
    await waitFor(
      'the agent to finish speaking',
      () => page.evaluate(() => document.body.dataset['speaking']),
      (speaking) => speaking !== 'true',
    );
  }

  async function say(page: Page, text: string): Promise<void> {
    await page.fill('#text', text);
    await page.press('#text', 'Enter');
  }

  it('support: the diagnostics bar moves step by step while the order is checked', async () => {
    const page = await open('support');
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
    await page.screenshot({ path: join(artifactsDir, 'agent-support.png') });
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
    await page.close();
  });

  it('café: subtitle words unblur in step with the audio that reaches them', async () => {
    const page = await open('cafe');
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
    await page.screenshot({ path: join(artifactsDir, 'agent-cafe.png') });
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
    await page.screenshot({ path: join(artifactsDir, 'agent-technician-ptt.png') });
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
    await say(page, 'Pressure on PMP-200 is 7.2 bar.');
    await waitFor(
      'the alert',
      () => page.$$eval('#log li.alert', (n) => n.length),
      (n) => n > 0,
    );
    await page.screenshot({ path: join(artifactsDir, 'agent-technician.png') });
    await page.close();
  });
});
