#!/usr/bin/env node
// A screenshot in the middle of a packet's journey: sends one connection, holds the app clock still,
// steps it N times, then shoots. For looking at the teaching UI as a learner sees it mid-animation.
// Usage: node scripts/packet-shot.mjs [--url http://127.0.0.1:4173/] [--out /tmp/packet.png] [--size 1280x720]
//        [--dark] [--steps 9] [--from net-pod] [--to svc-clusterip.default:9000] [--lang en|ko] [--play-ms 0]
//        [--sends 1] [--scenario src/scenarios/lessons/03-nodeport.yaml]   (--sends 0: the page before any send)
//        [--classroom]
// The callbacks passed to page.evaluate run in the page, where these exist.
/* global window, document */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { launchShot, openLab, shoot, shotOptions } from './lab-shot.mjs';

const { values } = parseArgs({
  options: {
    ...shotOptions('/tmp/packet.png'),
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
const shot = await launchShot({ size: values.size, dark: values.dark, locale: values.lang === 'ko' ? 'ko-KR' : 'en-US' });
const { page } = shot;
if (values.scenario) {
  const text = readFileSync(values.scenario, 'utf8');
  await page.addInitScript((t) => window.localStorage.setItem('kpl.scenario.v1', t), text);
}
if (values.lang === 'ko') await page.addInitScript(() => window.localStorage.setItem('kpl.lang.v1', 'ko'));
await openLab(page, values.url);
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
await shoot(shot, values.out, `${shot.width}x${shot.height}${values.dark ? ', dark' : ''}${values.classroom ? ', classroom' : ''}`);
