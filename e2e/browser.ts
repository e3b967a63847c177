import { existsSync } from 'node:fs';

/** Chromium flags for a closed, sandboxed machine: no background requests, no GPU, no sandbox (we run as root in CI). */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];

const SYSTEM_CHROMIUMS = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

/**
 * The browser the e2e tests drive: `CHROMIUM_PATH` if set, else a system Chromium if present,
 * else undefined (Playwright's own browser, from `npx playwright install chromium`).
 */
export function systemChromium(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.CHROMIUM_PATH) return env.CHROMIUM_PATH;
  return SYSTEM_CHROMIUMS.find((p) => existsSync(p));
}
