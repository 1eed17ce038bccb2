import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import {
  cleanUpBrowserTest,
  launchChromium,
  prepareBrowserTest,
  staticDir,
  waitFor,
} from '../../test/e2e/browser-harness.ts';
import { createServer, type ParleyServer } from '../server/server.ts';
import { noModels, StubSession } from '../server/stub-session.fixture.ts';
import { encodeWav } from '../audio/wav.ts';
import { loadAgentFromFiles } from './load-agent.ts';

const PROMPT = '---\nname: Shoes\n---\nYou sell shoes.\n';
const ORANGE = 'rgb(194, 65, 12)';
const THEME = ':root, :host { --accent: #c2410c; --parley-accent: #c2410c; }\n';
const PAGE = `<!doctype html><html lang="en"><head><title>Shoe shop</title>
<script type="module" src="/parley-call.js"></script></head>
<body><h1>Shoes</h1><parley-call agent="shop" microphone="off"></parley-call></body></html>`;

describe("an agent's ui/ in Chromium", { timeout: 120_000 }, () => {
  let workDir = '';
  let server: ParleyServer | undefined;
  let browser: Browser | undefined;
  let url = '';

  before(async () => {
    workDir = await prepareBrowserTest('parley-ui-theme-');
    const folder = join(workDir, 'shop');
    await mkdir(join(folder, 'ui'), { recursive: true });
    await writeFile(join(folder, 'prompt.md'), PROMPT);
    await writeFile(join(folder, 'ui', 'index.html'), PAGE);
    await writeFile(join(folder, 'ui', 'theme.css'), THEME);
    server = createServer({
      port: 0,
      agents: [await loadAgentFromFiles(folder)],
      makeModels: () => noModels,
      createSession: (options) => new StubSession(options),
      staticDir,
      onProblem: () => undefined,
      onNotice: () => undefined,
    });
    url = await server.listen();
    const silence = join(workDir, 'silence.wav');
    await writeFile(silence, encodeWav(new Int16Array(16_000), 16_000));
    browser = await launchChromium(silence, { loop: true });
  });
  after(() => cleanUpBrowserTest({ browsers: [browser], server, workDir }));

  it('the standard call page wears the agent’s theme.css', async () => {
    const page = await browser!.newPage();
    await page.goto(`${url}/agent.html?agent=shop`);
    const accent = await waitFor(
      'the themed accent',
      () =>
        page.evaluate(() =>
          getComputedStyle(document.documentElement).getPropertyValue('--accent').trim(),
        ),
      (value) => value === '#c2410c',
    );
    assert.equal(accent, '#c2410c');
    await page.close();
  });

  it('the agent’s own page is served, and <parley-call> on it takes the theme when the call starts', async () => {
    const page = await browser!.newPage();
    await page.goto(`${url}/agents/shop/`);
    assert.equal(await page.title(), 'Shoe shop');
    await page.waitForFunction(() => customElements.get('parley-call') !== undefined);
    const before = await page.evaluate(
      () =>
        getComputedStyle(
          document.querySelector('parley-call')!.shadowRoot!.querySelector('button')!,
        ).backgroundColor,
    );
    assert.notEqual(before, ORANGE, 'not themed before the call');
    await page.evaluate(() => document.querySelector('parley-call')!.start());
    const after = await waitFor(
      'the themed call button',
      () =>
        page.evaluate(
          () =>
            getComputedStyle(
              document.querySelector('parley-call')!.shadowRoot!.querySelector('button')!,
            ).backgroundColor,
        ),
      (value) => value === ORANGE,
    );
    assert.equal(after, ORANGE);
    await page.evaluate(() => document.querySelector('parley-call')!.end());
    await page.close();
  });
});
