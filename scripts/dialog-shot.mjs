#!/usr/bin/env node
// A screenshot of one of the app's dialogs (Compare modes, Scale lab) as a learner opens it: the page loads,
// optionally a packet is chosen, the header or packet button is clicked, optionally a button inside the
// dialog (e.g. Run the sweep) and a status text waited for, then the page is shot.
// Usage: node scripts/dialog-shot.mjs --open "Compare modes" [--run "Run the sweep" --wait "points measured"]
//        [--url http://127.0.0.1:4173/] [--out /tmp/dialog.png] [--size 1280x720] [--dark] [--lang en|ko]
/* global window */
import { parseArgs } from 'node:util';
import { launchShot, openLab, shoot, shotOptions } from './lab-shot.mjs';

const { values } = parseArgs({
  options: {
    ...shotOptions('/tmp/dialog.png'),
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
const shot = await launchShot({ size: values.size, dark: values.dark });
const { page } = shot;
if (values.lang === 'ko') await page.addInitScript(() => window.localStorage.setItem('kpl.lang.v1', 'ko'));
await openLab(page, values.url);
await page.getByRole('button', { name: values.open, exact: true }).click();
const dialog = page.getByRole('dialog');
await dialog.waitFor();
if (values.run) await dialog.getByRole('button', { name: values.run, exact: true }).click();
if (values.wait) await dialog.getByText(values.wait, { exact: false }).first().waitFor({ timeout: 240_000 });
await page.waitForTimeout(800);
await shoot(shot, values.out, `${shot.width}x${shot.height}${values.dark ? ', dark' : ''}, ${values.lang}`);
