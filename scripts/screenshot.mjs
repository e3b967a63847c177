#!/usr/bin/env node
// Screenshots of the built app for the README and for looking at it as a user would.
// Usage: node scripts/screenshot.mjs [--url http://127.0.0.1:4173/] [--out docs/screenshot.png] [--size 1280x720] [--dark]
import { parseArgs } from 'node:util';
import { launchShot, openLab, shoot, shotOptions } from './lab-shot.mjs';

const { values } = parseArgs({ options: shotOptions('docs/screenshot.png') });
const shot = await launchShot({ size: values.size, dark: values.dark });
await openLab(shot.page, values.url);
await shot.page.waitForTimeout(800);
await shoot(shot, values.out, `${shot.width}x${shot.height}${values.dark ? ', dark' : ''}`);
