import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { DEMO_AGENT } from '../../src/server/demo-agent.ts';
import { createLocalModels } from '../../src/server/local-models.ts';
import { createServer, type ParleyServer } from '../../src/server/server.ts';
import { createSession } from '../../src/conversation/index.ts';
import type { Session } from '../../src/conversation/types.ts';
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

const LONG_REPLY =
  'We open at seven in the morning on weekdays and at eight on weekends, and we close at nine in the evening, except on holidays when we close at noon.';
/** The demo agent with a long answer, so that there is time to talk over it. */
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
describe(
  'the offline stack (Silero, pocketsphinx, dialogue engine, espeak-ng) in Chromium',
  { timeout: 120_000 },
  () => {
    let workDir: string;
    let server: ParleyServer;
    let browser: Browser;
    let page: Page;
    const sessions: Session[] = [];
    /** Session events (without audio) for the failure message. */
    const events: string[] = [];

    before(async () => {
      workDir = await prepareBrowserTest('parley-e2e-real-');
      const micWav = await buildMicWav(workDir, [
        { silenceMs: 4_000 },
        { say: 'what time do you open' },
        // The second question comes while the reply (about 8 s long) plays: late enough that
        // some of it was heard even when the engines lag (end of turn waits for the audio the
        // VAD and STT have processed), early enough to cut it mid-sentence.
        { silenceMs: 3_200 },
        { say: 'what time do you close' },
        { silenceMs: 20_000 },
      ]);
      server = createServer({
        port: 0,
        agents: [agent],
        makeModels: createLocalModels,
        createSession: (options) => {
          const session = createSession(options);
          session.subscribe((event) => {
            if (event.type !== 'agent.audio' && event.type !== 'agent.word')
              events.push(
                `${Math.round(performance.now())} ${JSON.stringify(event).slice(0, 160)}`,
              );
          });
          sessions.push(session);
          return session;
        },
        staticDir,
      });
      const baseUrl = await server.listen();
      browser = await launchChromium(micWav, { loop: false });
      page = await browser.newPage();
      await page.goto(`${baseUrl}/agent.html?agent=demo`);
      await page.click('#start');
    });

    after(async () => {
      await cleanUpBrowserTest({ browsers: [browser], server, workDir });
    });

    it('answers a spoken question with spoken audio that plays in the page', async () => {
      await page.waitForSelector('#log li.user', { timeout: 30_000 });
      assert.match((await page.textContent('#log li.user')) ?? '', /open/);
      // The greeting is the first agent line now; the answer comes after it.
      await page.waitForFunction(
        () =>
          [...document.querySelectorAll('#log li.agent')].some((li) =>
            /seven in the morning/.test(li.textContent ?? ''),
          ),
        undefined,
        { timeout: 15_000 },
      );
      const debug = await waitForDebug(page, 'reply playback', (d) =>
        Object.entries(d.playedMsByTurn).some(
          ([turnId, playedMs]) => Number(turnId) >= 2 && playedMs >= 500,
        ),
      );
      await screenshot(page, 'e2e-real-stack');
      assert.deepEqual(debug.errors, []);
      const heardQuestion = () =>
        (sessions[0]?.history ?? []).some(
          (message) => message.role === 'user' && /open/.test(message.content),
        );
      for (let i = 0; i < 150 && !heardQuestion(); i++)
        await new Promise((resolve) => setTimeout(resolve, 100));
      assert.ok(heardQuestion(), `history: ${JSON.stringify(sessions[0]?.history)}`);
    });

    /** Adds the microphone levels and the session's events to a failure. */
    async function withContext(error: unknown): Promise<Error> {
      const { micRms } = await readDebug(page);
      return new Error(
        `${String(error)}\nmic RMS per 200 ms: ${JSON.stringify(micRms)}\nsession events:\n${events.join('\n')}`,
        {
          cause: error,
        },
      );
    }

    it('stops the reply when the user asks something else over it, keeping only what was heard', async () => {
      const debug = await waitForDebug(
        page,
        'the barge-in',
        (d) => d.interrupts >= 1 && d.flushes >= 1,
      ).catch(async (error: unknown) => {
        throw await withContext(error);
      });
      await page.waitForSelector('#log li.agent.interrupted', { timeout: 10_000 });
      const fullReply = LONG_REPLY.toLowerCase();
      const interrupted = () =>
        (sessions[0]?.history ?? []).find((m) => m.role === 'assistant' && m.interrupted === true);
      for (let i = 0; i < 150 && !interrupted(); i++)
        await new Promise((resolve) => setTimeout(resolve, 100));
      const reply = interrupted();
      assert.ok(reply, `history: ${JSON.stringify(sessions[0]?.history)}`);
      const heard = reply.content.toLowerCase().replace(/[.…]+$/, '');
      assert.ok(heard.length < fullReply.length, `only the heard part is kept: "${reply.content}"`);
      assert.ok(fullReply.startsWith(heard), `"${reply.content}" is the start of the reply`);
      const playedMs = debug.playedMsByTurn[2] ?? 0;
      assert.ok(playedMs > 0, 'the page reported how much it played');
      await screenshot(page, 'e2e-real-stack-barge-in');
    });
  },
);
