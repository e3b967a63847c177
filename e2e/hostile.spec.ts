/**
 * Issue 18 in the real browser: links, faults and a full storage that once froze the lab or lost work.
 * The page must stay responsive (no main-thread task over 200 ms while the hostile input is handled)
 * and say what happened.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import LZString from 'lz-string';
import { test, expect, openApp, replaceEditorText } from './fixtures';

const DEFAULT_YAML = readFileSync(join(import.meta.dirname, '../src/scenarios/default.yaml'), 'utf8');

/**
 * The longest main-thread task a heavy link may cause, as the page sees it (wall time, Long Tasks API).
 * A task's wall time includes the time it waited for a CPU: on this 2-core machine shared with other work
 * a task waits most of its wall time (wall 5–10× CPU at a load average of 15; the clean-clone CI runs of
 * 2026-12-07 measured 548 and 652 ms for tasks of 56–69 ms of CPU). The 32 KB link's longest task was then
 * the reading and garbage of a ~10 MB chain-graph message and Monaco's bracket-pair parse of the 250 KB
 * text; the page now receives the graph's view only and the long text has no brackets to pair, and the
 * longest task is 20–30 ms of CPU. Its wall time still follows the machine, not the page: 325 ms at a load
 * average of 19 and 833 ms at 26 for 23–28 ms of CPU (bench/RESULTS-ui.md), so a wall guard under 1,000 ms
 * would fail on a busy CI machine for work the page does not do. The wall guard stays the freeze detector at
 * 1,000 ms; the issue's 200 ms is checked, tightened to 100 ms, on the tasks' own CPU time (CPU_MS).
 */
const RESPONSIVE_MS = 1000;
/** The longest task's CPU time (Chrome's trace): the work the page itself does at once. The issue asks ≤ 200 ms; it is ~25 ms. */
const CPU_MS = 100;

interface TraceEvent {
  readonly name: string;
  readonly ph: string;
  readonly dur?: number;
  readonly tdur?: number;
  readonly pid: number;
  readonly tid: number;
  readonly args?: { readonly name?: string };
}

/** Both bounds, each measured value noted in the report (`longest-task-ms`, `longest-task-cpu-ms`). */
async function expectResponsive(page: Page, cpu: () => Promise<number>): Promise<void> {
  const [wall, own] = [await longest(page), await cpu()];
  test.info().annotations.push({ type: 'longest-task-ms', description: wall.toFixed(0) }, { type: 'longest-task-cpu-ms', description: own.toFixed(0) });
  expect(own, 'longest main-thread task, CPU time (ms)').toBeLessThanOrEqual(CPU_MS);
  expect(wall, 'longest main-thread task (ms)').toBeLessThanOrEqual(RESPONSIVE_MS);
}

/** Records the page's main-thread tasks until the returned function is called; it answers the longest task's CPU time (ms). */
async function watchCpu(page: Page): Promise<() => Promise<number>> {
  const cdp = await page.context().newCDPSession(page);
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (e) => void events.push(...(e.value as unknown as TraceEvent[])));
  await cdp.send('Tracing.start', { categories: 'devtools.timeline,disabled-by-default-devtools.timeline', transferMode: 'ReportEvents' });
  return async () => {
    const done = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
    await cdp.send('Tracing.end');
    await done;
    const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
    expect(main, 'the trace names the page’s main thread').toBeDefined();
    const tasks = events.filter((e) => e.name === 'RunTask' && e.ph === 'X' && e.pid === main!.pid && e.tid === main!.tid);
    expect(tasks.length).toBeGreaterThan(0);
    return Math.max(...tasks.map((t) => (t.tdur ?? t.dur ?? 0) / 1000));
  };
}

/** The longest main-thread task since the last reset (Long Tasks API), in milliseconds. */
async function watchLongTasks(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { __kplLongest: number };
    w.__kplLongest = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__kplLongest = Math.max(w.__kplLongest, e.duration);
    }).observe({ type: 'longtask', buffered: true });
  });
}
const resetLongest = (page: Page): Promise<void> => page.evaluate(() => void ((window as unknown as { __kplLongest: number }).__kplLongest = 0));
const longest = (page: Page): Promise<number> => page.evaluate(() => (window as unknown as { __kplLongest: number }).__kplLongest);

/** A link as the app writes it (format s1: lz-string's URI-safe encoding of the JSON state). */
function link(yaml: string, view: Record<string, string> = {}): string {
  return `#s1.${LZString.compressToEncodedURIComponent(JSON.stringify({ yaml, seed: 1, step: 0, view, lang: 'en' }))}`;
}

/** 498 Services × 20 ports in front of one Deployment: ~10,000 service ports, over 100,000 lines of `-L`. */
function manyServices(): string {
  // As short as YAML allows: the link's scenario must stay under the editor's 256 KB.
  const ports = Array.from({ length: 20 }, (_, i) => `{name: ${String.fromCharCode(97 + i)}, port: ${i + 1}}`).join(', ');
  const services = Array.from({ length: 498 }, (_, i) => `apiVersion: v1\nkind: Service\nmetadata: {name: s${i}}\nspec: {selector: {app: web}, ports: [${ports}]}\n`);
  const deployment = `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  replicas: 2\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec: {containers: [{name: web, image: nginx, ports: [{containerPort: 80}]}]}\n`;
  return [deployment, ...services].join('---\n');
}

/** lz-string's repeating case written bit by bit: each code repeats the previous entry plus one character. */
function bombLink(maxChars: number): string {
  const bits: number[] = [];
  const write = (value: number, count: number): void => {
    for (let i = 0; i < count; i++) bits.push((value >> i) & 1);
  };
  write(0, 2);
  write(97, 8);
  let dictSize = 4;
  let numBits = 3;
  let enlargeIn = 4;
  while (bits.length / 6 < maxChars - 16) {
    write(dictSize, numBits);
    dictSize++;
    if (--enlargeIn === 0) {
      enlargeIn = 2 ** numBits;
      numBits++;
    }
  }
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+-$';
  let out = '';
  for (let i = 0; i < bits.length; i += 6) {
    let v = 0;
    for (let j = 0; j < 6; j++) v = v * 2 + (bits[i + j] ?? 0);
    out += alphabet[v];
  }
  return `#s1.${out}`;
}

test.describe('hostile links', () => {
  test('a 32 KB link of 498 Services × 20 ports asks first, then leaves the page responsive', async ({ page }) => {
    await watchLongTasks(page);
    const fragment = link(manyServices(), { format: 'L' });
    expect(fragment.length).toBeLessThan(64 * 1024);
    await page.goto(`/${fragment}`);
    // A visitor with no work of their own is asked too: the link is heavy.
    const dialog = page.getByRole('dialog', { name: 'Open the shared scenario?' });
    await expect(dialog).toContainText('large scenario');
    await expect(page.getByTestId('engine-info')).toBeVisible();
    await resetLongest(page);
    const cpu = await watchCpu(page);
    await dialog.getByRole('button', { name: 'Open the shared scenario' }).click();
    const rules = page.getByRole('region', { name: 'Rules' });
    await expect(rules).toContainText('KUBE-SVC-', { timeout: 45_000 });
    await expect(rules.locator('[data-line]').first()).toBeVisible();
    // The chain graph is on screen too: one Service's chains cut from 30,000 by the worker (its own task, after the rules).
    await expect(page.getByRole('region', { name: 'Chain graph' }).getByRole('button', { name: /^KUBE-SVC-/ }).first()).toBeVisible({ timeout: 45_000 });
    // Only what is on screen is in the page.
    expect(await rules.locator('[data-line]').count()).toBeLessThan(500);
    await expectResponsive(page, cpu);
  });

  test('a 64 KB link of 18,000 keys opens without blocking the engine, with a clear message', async ({ page }) => {
    await watchLongTasks(page);
    const keys = Array.from({ length: 18_000 }, (_, i) => `    k${i}: v\n`).join('');
    const fragment = link(`apiVersion: v1\nkind: Service\nmetadata:\n  name: keys\n  labels:\n${keys}`);
    expect(fragment.length).toBeLessThan(64 * 1024);
    await openApp(page);
    await resetLongest(page);
    const cpu = await watchCpu(page);
    await page.evaluate((f) => (window.location.hash = f), fragment);
    const dialog = page.getByRole('dialog', { name: 'Open the shared scenario?' });
    await expect(dialog).toContainText('large scenario');
    await dialog.getByRole('button', { name: 'Open the shared scenario' }).click();
    // The engine answers (a located diagnostic) instead of hanging: label keys must be valid, and there are many.
    await expect(page.getByTestId('outline-summary')).toContainText('Service/keys', { timeout: 30_000 });
    await expectResponsive(page, cpu);
  });

  test('a decompression bomb stops at the limit and says so', async ({ page }) => {
    await watchLongTasks(page);
    await openApp(page);
    await resetLongest(page);
    const cpu = await watchCpu(page);
    const bomb = bombLink(64 * 1024 - 8);
    await page.evaluate((f) => (window.location.hash = f), bomb);
    await expect(page.getByTestId('share-error')).toContainText('expands to more than 524,288 characters');
    await expectResponsive(page, cpu);
  });

  test('a malformed lesson link and a damaged share link say what is wrong, without a raw error', async ({ page, net }) => {
    await openApp(page);
    await page.evaluate(() => (window.location.hash = '#lesson=%E0%A4%A'));
    await expect(page.getByTestId('share-error')).toContainText('There is no lesson called “%E0%A4%A”');
    await page.getByTestId('share-error').getByRole('button', { name: 'Dismiss' }).click();
    await page.evaluate(() => (window.location.hash = '#s1.y'));
    await expect(page.getByTestId('share-error')).toContainText('damaged');
    await expect(page.getByTestId('share-error')).not.toContainText('Cannot read');
    expect(net.consoleErrors.filter((e) => /URIError|TypeError/.test(e))).toEqual([]);
  });
});

test('a worker that dies is restarted within 5 s, with a notice, and editing goes on', async ({ page }) => {
  await openApp(page);
  // Killed while idle (a call out when it dies is caught by its own deadline, 10 s or more).
  await expect(page.getByRole('region', { name: 'Rules' })).toContainText('KUBE-SERVICES');
  await page.evaluate(async () => {
    const t = (window as unknown as { __kplTest: { closeEngineWorker(): void; engineIdle(): boolean } }).__kplTest;
    // The page's own calls (the graph's layout…) may still be out on a busy machine: killed once none is.
    // Idle for 300 ms: a call made just after the kill would be found by its own deadline (10 s or more), not the ping.
    for (let quiet = 0; quiet < 6; quiet = t.engineIdle() ? quiet + 1 : 0) await new Promise((r) => setTimeout(r, 50));
    t.closeEngineWorker();
  });
  await expect(page.getByTestId('engine-restarted')).toContainText('The engine restarted after', { timeout: 5000 });
  await expect(page.getByTestId('engine-restarted')).toContainText('your text is safe');
  // The text in the editor was answered before the worker died: the new worker is given it again, with no edit.
  await expect(page.getByTestId('outline-summary')).toContainText('✓');
  // The new worker answers edits: a new Service shows in the outline. The text starts with a line of its own,
  // so replaceEditorText sees a paste that did not land (the default text starts as the editor's does).
  await replaceEditorText(page, `# after the restart\n${DEFAULT_YAML}---\napiVersion: v1\nkind: Service\nmetadata: {name: after-restart}\nspec: {ports: [{port: 80}]}\n`);
  await expect(page.getByTestId('outline-summary')).toContainText('Service/after-restart');
  await page.getByRole('button', { name: 'Send packet', exact: true }).click();
  await expect(page.getByTestId('packet-panel')).toBeVisible();
});

test('a full localStorage shows a notice and loses no text across a reload', async ({ page }) => {
  await openApp(page);
  await page.evaluate(() => {
    // Fill the origin's quota with junk, big pieces first.
    let size = 1 << 20;
    let n = 0;
    while (size >= 16) {
      try {
        localStorage.setItem(`junk-${n++}`, 'x'.repeat(size));
      } catch {
        size >>= 1;
      }
    }
  });
  const marker = `# kept-after-reload-${Date.now()}`;
  await replaceEditorText(page, `${marker}\napiVersion: v1\nkind: Service\nmetadata: {name: full}\nspec: {ports: [{port: 80}]}\n`);
  await expect(page.getByTestId('save-failed')).toContainText('Saving failed');
  await expect(page.getByTestId('save-failed').getByRole('button', { name: 'Download the scenario' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('region', { name: 'Scenario editor' }).locator('.monaco-editor .view-lines')).toContainText(marker);
});
