// What the screenshot scripts (screenshot.mjs, dialog-shot.mjs, packet-shot.mjs, lesson-shot.mjs) share: a headless
// Chromium for a closed machine, a page of the asked size and colour scheme, the lab opened from a build already
// served (`npx vite preview`) as a returning visitor sees it, and the shot.
// The callback passed to addInitScript runs in the page, where this exists.
/* global window */
import { chromium } from '@playwright/test';
import { existsSync } from 'node:fs';

/** Chromium flags for a closed, sandboxed machine: no background requests, no GPU, no sandbox (as e2e/browser.ts). */
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run'];

/** `CHROMIUM_PATH`, else a system Chromium, else undefined (Playwright's own browser). */
const systemChromium = () => process.env.CHROMIUM_PATH || ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find((p) => existsSync(p));

/** The options every screenshot script takes (for `parseArgs`), beside its own. */
export function shotOptions(defaultOut) {
  return {
    url: { type: 'string', default: 'http://127.0.0.1:4173/' },
    out: { type: 'string', default: defaultOut },
    size: { type: 'string', default: '1280x720' },
    dark: { type: 'boolean', default: false },
  };
}

/** Launches Chromium with a page of `size` (`1280x720`) in the light or dark colour scheme; `pageOptions` go to the page too. */
export async function launchShot({ size, dark, ...pageOptions }) {
  const [width, height] = size.split('x').map(Number);
  const browser = await chromium.launch({ executablePath: systemChromium(), args: CHROMIUM_ARGS });
  const page = await browser.newPage({ viewport: { width, height }, colorScheme: dark ? 'dark' : 'light', ...pageOptions });
  return { browser, page, width, height };
}

/**
 * Opens the lab at `url` as a returning visitor sees it (the Start here card already answered) and waits until the
 * engine has answered and, with `editor`, the editor shows its text.
 */
export async function openLab(page, url, { editor = true } = {}) {
  await page.addInitScript(() => window.localStorage.setItem('kpl.start.v1', 'explore'));
  await page.goto(url);
  if (editor) await page.waitForSelector('.monaco-editor .view-lines');
  await page.waitForSelector('[data-testid="engine-info"]');
}

/** Writes the page's screenshot to `out`, closes the browser and says what it wrote (`what`: size, options). */
export async function shoot({ browser, page }, out, what) {
  await page.screenshot({ path: out });
  await browser.close();
  console.log(`wrote ${out} (${what})`);
}
