#!/usr/bin/env node
// A screenshot of one of the app's dialogs (Compare modes, Scale lab) as a learner opens it: the page loads,
// optionally a packet is chosen, the header or packet button is clicked, optionally a button inside the
// dialog (e.g. Run the sweep) and a status text waited for, then the page is shot.
// Usage: node scripts/dialog-shot.mjs --open "Compare modes" [--run "Run the sweep" --wait "points measured"]
//        [--url http://127.0.0.1:4173/] [--out /tmp/dialog.png] [--size 1280x720] [--dark] [--lang en|ko]
/* global window */
import { chromium } from '@playwright/test';
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    url: { type: 'string', default: 'http://127.0.0.1:4173/' },
    out: { type: 'string', default: '/tmp/dialog.png' },
    size: { type: 'string', default: '1280x720' },
    dark: { type: 'boolean', default: false },
    lang: { type: 'string', default: 'en' },
    open: { type: 'string' },
    run: { type: 'string' },
    wait: { type: 'string' },
  },
});
if (!values.open) {
  console.error('--open NAME: the accessible name of the button that opens the dialog');
  process.exit(2);
}
const [width, height] = values.size.split('x').map(Number);
const executablePath = process.env.CHROMIUM_PATH || ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find((p) => existsSync(p));
const browser = await chromium.launch({
  executablePath,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run'],
});
const page = await browser.newPage({ viewport: { width, height }, colorScheme: values.dark ? 'dark' : 'light' });
if (values.lang === 'ko') await page.addInitScript(() => window.localStorage.setItem('kpl.lang.v1', 'ko'));
await page.addInitScript(() => window.localStorage.setItem('kpl.start.v1', 'explore'));
await page.goto(values.url);
await page.waitForSelector('.monaco-editor .view-lines');
await page.waitForSelector('[data-testid="engine-info"]');
await page.getByRole('button', { name: values.open, exact: true }).click();
const dialog = page.getByRole('dialog');
await dialog.waitFor();
if (values.run) await dialog.getByRole('button', { name: values.run, exact: true }).click();
if (values.wait) await dialog.getByText(values.wait, { exact: false }).first().waitFor({ timeout: 240_000 });
await page.waitForTimeout(800);
await page.screenshot({ path: values.out });
await browser.close();
console.log(`wrote ${values.out} (${width}x${height}${values.dark ? ', dark' : ''}, ${values.lang})`);
