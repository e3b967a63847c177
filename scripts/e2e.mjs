#!/usr/bin/env node
// Runs the Playwright e2e tests after making sure a Chromium exists, with a clear message when none does.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const SYSTEM = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

function playwrightsOwnChromium() {
  try {
    const out = spawnSync(process.execPath, ['-e', "const {chromium}=require('@playwright/test');process.stdout.write(chromium.executablePath())"], { encoding: 'utf8' });
    return out.status === 0 && out.stdout && existsSync(out.stdout) ? out.stdout : undefined;
  } catch {
    return undefined;
  }
}

const browser = process.env.CHROMIUM_PATH || SYSTEM.find((p) => existsSync(p)) || playwrightsOwnChromium();
if (!browser) {
  console.error(`No Chromium found for the e2e tests.
Install one of:
  - Debian/Ubuntu: apt-get update && apt-get install -y chromium      (then it is found at /usr/bin/chromium)
  - anywhere else: npx playwright install chromium
or point CHROMIUM_PATH at a Chromium or Chrome binary.`);
  process.exit(1);
}
if (process.env.CHROMIUM_PATH && !existsSync(process.env.CHROMIUM_PATH)) {
  console.error(`CHROMIUM_PATH is set to ${process.env.CHROMIUM_PATH}, which does not exist.`);
  process.exit(1);
}
console.log(`e2e: using ${browser}`);
const run = spawnSync('npx', ['playwright', 'test', ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(run.status ?? 1);
