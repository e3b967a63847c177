#!/usr/bin/env node
// A screenshot in the middle of a packet's journey: sends one connection, holds the app clock still,
// steps it N times, then shoots. For looking at the teaching UI as a learner sees it mid-animation.
// Usage: node scripts/packet-shot.mjs [--url http://127.0.0.1:4173/] [--out /tmp/packet.png] [--size 1280x720]
//        [--dark] [--steps 9] [--from net-pod] [--to svc-clusterip.default:9000] [--lang en|ko] [--play-ms 0]
//        [--sends 1] [--scenario src/scenarios/lessons/03-nodeport.yaml]   (--sends 0: the page before any send)
//        [--classroom]
// The callbacks passed to page.evaluate run in the page, where these exist.
/* global window, document */
import { chromium } from '@playwright/test';
import { existsSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    url: { type: 'string', default: 'http://127.0.0.1:4173/' },
    out: { type: 'string', default: '/tmp/packet.png' },
    size: { type: 'string', default: '1280x720' },
    dark: { type: 'boolean', default: false },
    steps: { type: 'string', default: '9' },
    from: { type: 'string' },
    to: { type: 'string' },
    lang: { type: 'string', default: 'en' },
    // Let the clock run this long instead of stepping (a frame of the real animation).
    'play-ms': { type: 'string', default: '0' },
    sends: { type: 'string', default: '1' },
    // A scenario file to start with (put in the app's local storage before it loads).
    scenario: { type: 'string' },
    // Classroom mode, turned on with its header button as a presenter does.
    classroom: { type: 'boolean', default: false },
  },
});
const [width, height] = values.size.split('x').map(Number);
const executablePath = process.env.CHROMIUM_PATH || ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find((p) => existsSync(p));
const browser = await chromium.launch({
  executablePath,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run'],
});
const page = await browser.newPage({ viewport: { width, height }, colorScheme: values.dark ? 'dark' : 'light', locale: values.lang === 'ko' ? 'ko-KR' : 'en-US' });
if (values.scenario) {
  const text = readFileSync(values.scenario, 'utf8');
  await page.addInitScript((t) => window.localStorage.setItem('kpl.scenario.v1', t), text);
}
if (values.lang === 'ko') await page.addInitScript(() => window.localStorage.setItem('kpl.lang.v1', 'ko'));
// Screenshots show the lab as a returning visitor sees it: the Start here card already answered.
await page.addInitScript(() => window.localStorage.setItem('kpl.start.v1', 'explore'));
await page.goto(values.url);
await page.waitForSelector('.monaco-editor .view-lines');
await page.waitForSelector('[data-testid="engine-info"]');
if (values.classroom) await page.getByRole('button', { name: 'Classroom' }).click();
if (values.from) await page.getByLabel('From', { exact: true }).selectOption(values.from);
if (values.to) await page.getByLabel('To', { exact: true }).selectOption(values.to);
const send = page.getByRole('button', { name: 'Send packet', exact: true });
for (let i = 0; i < Number(values.sends); i++) {
  await send.waitFor();
  await page.waitForFunction(() => !document.querySelector('.pk-send')?.hasAttribute('disabled'));
  await send.click();
  await page.waitForFunction((n) => document.querySelector('.pk-conn')?.getAttribute('data-sent') === String(n), i + 1);
  if (i < Number(values.sends) - 1) await page.evaluate(() => { window.__kplClock.pause(); window.__kplClock.step(10000); });
}
const playMs = Number(values['play-ms']);
if (Number(values.sends) === 0) {
  await page.waitForTimeout(900);
} else if (playMs > 0) {
  await page.waitForTimeout(playMs);
} else {
  await page.evaluate((n) => {
    window.__kplClock.pause();
    window.__kplClock.step(n);
  }, Number(values.steps));
  await page.waitForTimeout(900);
}
await page.screenshot({ path: values.out });
await browser.close();
console.log(`wrote ${values.out} (${width}x${height}${values.dark ? ', dark' : ''}${values.classroom ? ', classroom' : ''})`);
