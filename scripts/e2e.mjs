#!/usr/bin/env node
// Runs the Playwright e2e tests after making sure a Chromium exists, with a clear message when none does.
// Two phases against one build: every test but the timing ones (two workers), then, once those browsers have
// closed, the timing phase alone, one test at a time (e2e/timing/: the issues' main-thread budgets on wall
// time, which another test's browser on the same CPUs would stretch). Both phases always run; their JSON
// reports are joined into test-results/playwright.json. Arguments go to both phases (a file filter that names
// no test of a phase leaves it empty); with `--project` given, one plain run instead.
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { spawnSync } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { measuredLines, writeMergedReport } from './merge-playwright-reports.mjs';

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

const args = process.argv.slice(2);
const load = () => `load average ${loadavg().map((l) => l.toFixed(2)).join(' ')} on ${availableParallelism()} CPUs`;
const playwright = (extra, env = {}) => spawnSync('npx', ['playwright', 'test', ...args, ...extra], { stdio: 'inherit', env: { ...process.env, E2E_PREBUILT: '1', ...env } }).status ?? 1;

// The e2e tests run against the production build, as users get it; built once for both phases.
const build = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

if (args.some((a) => a === '--project' || a.startsWith('--project='))) process.exit(playwright([]));

mkdirSync('test-results', { recursive: true });
const phases = [
  { phase: 'main', file: 'test-results/playwright-main.json', extra: ['--project=main'] },
  // --no-deps: the main phase has run already (and the timing tests run whether it passed or not).
  { phase: 'timing', file: 'test-results/playwright-timing.json', extra: ['--project=timing', '--no-deps', '--workers=1'] },
];
let status = 0;
for (const { phase, file, extra } of phases) {
  rmSync(file, { force: true });
  // The main phase's browsers have exited with its runner; a moment more for the machine to settle.
  if (phase === 'timing') await sleep(5000);
  console.log(`e2e: ${phase} phase (${load()})`);
  const code = playwright([...extra, '--pass-with-no-tests'], { PLAYWRIGHT_JSON_OUTPUT_FILE: file });
  if (code !== 0) status = code;
}
writeMergedReport(phases, 'test-results/playwright.json');
const timing = phases[1].file;
if (existsSync(timing)) for (const line of measuredLines(JSON.parse(readFileSync(timing, 'utf8')))) console.log(`e2e timing: ${line}`);
process.exit(status);
