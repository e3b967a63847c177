#!/usr/bin/env node
// A screenshot of a lesson as a class sees it: opens the lesson by its link (#lesson=ID), shows one of
// its steps (which sends the lesson's packet and seeks to the hop), optionally reveals the first
// question's answer, and optionally turns classroom mode on (and hides the editor).
// Usage: node scripts/lesson-shot.mjs [--url http://127.0.0.1:4173/] [--out /tmp/lesson.png] [--size 1280x720]
//        [--lang en|ko] [--lesson 03-nodeport] [--step 4] [--classroom] [--hide-editor] [--reveal] [--dark]
// The callbacks passed to page.evaluate run in the page, where these exist.
/* global window */
import { parseArgs } from 'node:util';
import { launchShot, openLab, shoot, shotOptions } from './lab-shot.mjs';

const { values } = parseArgs({
  options: {
    ...shotOptions('/tmp/lesson.png'),
    lang: { type: 'string', default: 'en' },
    lesson: { type: 'string', default: '03-nodeport' },
    // 1-based, as the lesson numbers its steps.
    step: { type: 'string', default: '4' },
    classroom: { type: 'boolean', default: false },
    'hide-editor': { type: 'boolean', default: false },
    reveal: { type: 'boolean', default: false },
  },
});
const shot = await launchShot({ size: values.size, dark: values.dark, reducedMotion: 'reduce' });
const { page } = shot;
page.on('pageerror', (e) => console.error('page error:', e.message));
await page.addInitScript(
  ([lang, dark]) => {
    window.localStorage.setItem('kpl.lang.v1', lang);
    window.localStorage.setItem('kpl.theme', dark ? 'dark' : 'light');
  },
  [values.lang, values.dark],
);
const base = values.url.replace(/#.*$/, '');
await openLab(page, `${base}#lesson=${values.lesson}`, { editor: false });
const lesson = page.getByRole('region', { name: 'Lesson' });
await lesson.waitFor();
// The PWA's "works offline" notice is not part of the lesson.
await page.getByRole('button', { name: /Dismiss|닫기/ }).first().click({ timeout: 3000 }).catch(() => undefined);
if (values.classroom) {
  await page.getByRole('button', { name: 'Classroom' }).click();
  if (values['hide-editor']) await page.getByRole('button', { name: 'Hide editor' }).click();
}
const step = lesson.locator('.lesson-step').nth(Number(values.step) - 1);
await step.locator('.lesson-show').click();
// A connection's step shows a hop; a spread's step shows its split in the lesson.
await page.waitForSelector('[data-testid="packet-effect"], .lesson-spread .spread-results');
await step.evaluate((el) => el.scrollIntoView({ block: 'start' }));
if (values.reveal) {
  const q = lesson.locator('.lesson-q').first();
  await q.locator('input[type=radio]').nth(1).check();
  await q.locator('.lesson-check').click();
  await q.getByTestId('lesson-reveal').waitFor();
  await q.evaluate((el) => el.scrollIntoView({ block: 'start' }));
}
await page.evaluate(() => window.__kplClock?.pause());
await page.waitForTimeout(900);
await shoot(shot, values.out, `${shot.width}x${shot.height}, ${values.lang}${values.classroom ? ', classroom' : ''}`);
