#!/usr/bin/env node
// Screenshots of the built app for the README and for looking at it as a user would.
// Usage: node scripts/screenshot.mjs [--url http://127.0.0.1:4173/] [--out docs/screenshot.png] [--size 1280x720] [--dark]
import { chromium } from '@playwright/test';
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
// The callback passed to addInitScript runs in the page, where this exists.
/* global window */

const { values } = parseArgs({
  options: {
    url: { type: 'string', default: 'http://127.0.0.1:4173/' },
    out: { type: 'string', default: 'docs/screenshot.png' },
    size: { type: 'string', default: '1280x720' },
    dark: { type: 'boolean', default: false },
  },
});
const [width, height] = values.size.split('x').map(Number);
const executablePath = process.env.CHROMIUM_PATH || ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find((p) => existsSync(p));
const browser = await chromium.launch({
  executablePath,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run'],
});
const page = await browser.newPage({ viewport: { width, height }, colorScheme: values.dark ? 'dark' : 'light' });
// Screenshots show the lab as a returning visitor sees it: the Start here card already answered.
await page.addInitScript(() => window.localStorage.setItem('kpl.start.v1', 'explore'));
await page.goto(values.url);
await page.waitForSelector('.monaco-editor .view-lines');
await page.waitForSelector('[data-testid="engine-info"]');
await page.waitForTimeout(800);
await page.screenshot({ path: values.out });
await browser.close();
console.log(`wrote ${values.out} (${width}x${height}${values.dark ? ', dark' : ''})`);
