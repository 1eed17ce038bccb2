import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { ParleyServer } from '../../src/server/server.ts';
import type { ParleyDebug } from '../../web/src/debug.ts';

/**
 * What the browser tests share: the built pages, Debian's Chromium with a fake
 * microphone, polling the page's counters, screenshots and clean-up.
 */
const run = promisify(execFile);
const root = join(import.meta.dirname, '../..');
const artifactsDir = join(root, 'test-artifacts');

/** The built pages (web/dist), for the server's `staticDir`. */
export const staticDir = join(root, 'web/dist');

/** Builds the pages, makes test-artifacts/ and returns a new temporary folder. */
export async function prepareBrowserTest(tempPrefix: string): Promise<string> {
  await run(process.execPath, [join(root, 'scripts/build-web.mjs')]);
  await mkdir(artifactsDir, { recursive: true });
  return mkdtemp(join(tmpdir(), tempPrefix));
}

/** Closes the browsers and the server, then deletes the temporary folder. */
export async function cleanUpBrowserTest(parts: {
  readonly browsers: readonly (Browser | undefined)[];
  readonly server: ParleyServer | undefined;
  readonly workDir: string | undefined;
}): Promise<void> {
  for (const browser of parts.browsers) await browser?.close();
  await parts.server?.close();
  if (parts.workDir) await rm(parts.workDir, { recursive: true, force: true });
}

/**
 * Headless Debian Chromium whose microphone plays `micWav` (looped unless
 * `loop` is false); media permission is granted and audio may autoplay.
 */
export function launchChromium(micWav: string, options: { loop: boolean }): Promise<Browser> {
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
      // playwright-core launches with a fresh temporary profile (its own --user-data-dir).
      '--autoplay-policy=no-user-gesture-required',
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream',
      `--use-file-for-fake-audio-capture=${micWav}${options.loop ? '' : '%noloop'}`,
    ],
  });
}

/** Saves a screenshot of the page as test-artifacts/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(artifactsDir, `${name}.png`) });
}

/** Reads `read()` until `check` accepts it; fails after 30 s with the last value. */
export async function waitFor<T>(
  what: string,
  read: () => Promise<T>,
  check: (value: T) => boolean,
  pollMs = 100,
): Promise<T> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const value = await read();
    if (check(value)) return value;
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${what}: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}

/** The page's `window.parleyDebug` counters. */
export function readDebug(page: Page): Promise<ParleyDebug> {
  return page.evaluate(() => (globalThis as unknown as { parleyDebug: ParleyDebug }).parleyDebug);
}

/** Waits until the page's counters pass `check`. */
export function waitForDebug(
  page: Page,
  what: string,
  check: (debug: ParleyDebug) => boolean,
): Promise<ParleyDebug> {
  return waitFor(what, () => readDebug(page), check);
}
