import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, systemChromium } from './e2e/browser';

// E2E_PORT lets two checkouts on one machine run their e2e suites side by side.
const PORT = Number(process.env.E2E_PORT ?? 4173);
const executablePath = systemChromium();
// scripts/e2e.mjs builds once, then runs the two phases below against that build (E2E_PREBUILT=1).
const build = process.env.E2E_PREBUILT ? '' : 'npx vite build --logLevel warn && ';

export default defineConfig({
  testDir: 'e2e',
  testMatch: /.*\.spec\.ts/,
  outputDir: 'test-results/e2e-artifacts',
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 2,
  retries: process.env.CI ? 1 : 0,
  reporter: [['list'], ['json', { outputFile: 'test-results/playwright.json' }]],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    browserName: 'chromium',
    contextOptions: { reducedMotion: 'reduce' },
    launchOptions: { executablePath, args: CHROMIUM_ARGS },
    trace: 'retain-on-failure',
  },
  projects: [
    { name: 'main', testIgnore: '**/timing/**' },
    /**
     * The issues' main-thread budgets on wall time (e2e/timing/): a task's wall time counts the time it waited for a
     * CPU, so these run after every other test, when the other tests' browsers are closed, and one at a time (one
     * file, and fullyParallel is off; scripts/e2e.mjs runs this phase apart with --workers=1). A test that is over
     * measures once more after a pause and writes down the load averages (e2e/timing/measure.ts): that is its
     * only retry. Playwright's own trace is off here: it snapshots the DOM in the page at every action, main-thread
     * work that is not the lab's. Alone: `npx playwright test --project timing --no-deps`.
     */
    {
      name: 'timing',
      testDir: 'e2e/timing',
      dependencies: ['main'],
      retries: 0,
      use: { trace: 'off' },
      // Apart from the main phase's: scripts/e2e.mjs runs the phases one after the other, and each empties its own.
      outputDir: 'test-results/e2e-timing-artifacts',
    },
  ],
  // The e2e tests run against the production build, as users get it.
  webServer: {
    command: `${build}npx vite preview --host 127.0.0.1 --port ${PORT} --strictPort`,
    url: `http://127.0.0.1:${PORT}`,
    reuseExistingServer: false,
    timeout: 240_000,
    stdout: 'pipe',
  },
});
