/**
 * The Scale lab's whole sweep in a real (headless) Chromium: the built app, `Scale lab`, up to 30,000
 * Services, `Run the sweep`, until the page says "24 points measured in … s". Read from the page itself:
 * the click → finished time (a `MutationObserver` on the dialog's status stamps `performance.now()`), the
 * time each point reached the page (the progress bar's value), the worker's own elapsed time (the finish
 * text) and the page's longest main-thread task (`PerformanceObserver('longtask')`). With the load average
 * before and after, since the machine is shared. Appends one row per run to bench/RESULTS.md's scale section.
 *
 * A benchmark, not a test. Run it against a built app served by `vite preview`:
 *   npx vite build && npx vite preview --host 127.0.0.1 --port 4391 --strictPort &
 *   npx tsx bench/scale-sweep.ui.ts --url http://127.0.0.1:4391/ [--runs 3] [--out bench/RESULTS.md]
 * The in-page code is passed as strings: tsx would wrap functions in helpers that do not exist in the page.
 */
import { chromium, type Browser } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { CHROMIUM_ARGS, systemChromium } from '../e2e/browser';

const PROBE = `
try { localStorage.setItem('kpl.start.v1', 'explore'); } catch {}
window.__kplSweep = { clickAt: null, points: [], doneAt: null, doneText: '', tasks: [] };
const S = window.__kplSweep;
new PerformanceObserver((list) => { for (const e of list.getEntries()) S.tasks.push({ start: e.startTime, duration: e.duration }); }).observe({ type: 'longtask', buffered: true });
window.addEventListener('click', (e) => { if (e.target && e.target.closest && e.target.closest('.scale-run')) { S.clickAt = performance.now(); S.points = []; S.doneAt = null; } }, true);
new MutationObserver(() => {
  if (S.clickAt === null || S.doneAt !== null) return;
  const bar = document.querySelector('.scale-dialog progress');
  const value = bar ? Number(bar.getAttribute('value')) : 0;
  if (value > S.points.length) S.points.push(performance.now());
  const status = document.querySelector('.scale-dialog [role="status"]');
  if (status && / points measured in /.test(status.textContent || '')) { S.doneAt = performance.now(); S.doneText = status.textContent; }
}).observe(document, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ['value'] });
`;

export interface SweepUiRun {
  /** Click on Run the sweep → the page shows "24 points measured", ms. */
  readonly wallMs: number;
  /** The worker's own elapsed time as the finish text prints it, s. */
  readonly workerS: number;
  /** When each point reached the page, ms after the click. */
  readonly pointsMs: readonly number[];
  /** The page's longest main-thread task during the sweep (0: none reached 50 ms), ms. */
  readonly longestTaskMs: number;
  readonly loadBefore: number;
  readonly loadAfter: number;
  /**
   * CPU time of the page's renderer process from the click to the finish (Chrome's SystemInfo: every thread,
   * the engine worker's, its garbage collector's helpers and the page's main thread), ms: what the sweep cost
   * without the time it waited for a CPU the machine's other work held.
   */
  readonly pageCpuMs: number;
}

/** CPU seconds used so far by each renderer process (Chrome's SystemInfo.getProcessInfo), by process id. */
async function rendererCpu(browser: Browser): Promise<Map<number, number>> {
  const cdp = await browser.newBrowserCDPSession();
  const { processInfo } = (await cdp.send('SystemInfo.getProcessInfo')) as { processInfo: { type: string; id: number; cpuTime: number }[] };
  await cdp.detach();
  return new Map(processInfo.filter((p) => p.type === 'renderer').map((p) => [p.id, p.cpuTime]));
}

interface PageState {
  readonly clickAt: number;
  readonly points: number[];
  readonly doneAt: number | null;
  readonly doneText: string;
  readonly tasks: { start: number; duration: number }[];
}

export async function measureSweep(browser: Browser, url: string, maxServices = 30_000): Promise<SweepUiRun> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, serviceWorkers: 'block' });
  const page = await context.newPage();
  await page.addInitScript(PROBE);
  await page.goto(url);
  await page.getByRole('region', { name: 'Rules' }).locator('.rules-line').first().waitFor({ timeout: 60_000 });
  await page.getByRole('button', { name: 'Scale lab', exact: true }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Up to').selectOption(String(maxServices));
  await page.waitForTimeout(1000);
  const loadBefore = loadavg()[0]!;
  const cpuBefore = await rendererCpu(browser);
  await dialog.getByRole('button', { name: 'Run the sweep' }).click();
  await page.waitForFunction(() => (window as unknown as { __kplSweep: { doneAt: unknown } }).__kplSweep.doneAt !== null, undefined, { timeout: 300_000, polling: 250 });
  const loadAfter = loadavg()[0]!;
  const cpuAfter = await rendererCpu(browser);
  const s = (await page.evaluate('window.__kplSweep')) as PageState;
  await context.close();
  const seconds = /in ([\d.]+) s/.exec(s.doneText)?.[1];
  return {
    wallMs: s.doneAt! - s.clickAt,
    workerS: seconds ? Number(seconds) : NaN,
    pointsMs: s.points.map((t) => t - s.clickAt),
    longestTaskMs: Math.max(0, ...s.tasks.filter((t) => t.start + t.duration >= s.clickAt && t.start <= s.doneAt!).map((t) => t.duration)),
    loadBefore,
    loadAfter,
    pageCpuMs: [...cpuAfter].reduce((sum, [id, t]) => sum + t - (cpuBefore.get(id) ?? 0), 0) * 1000,
  };
}

const SECTION = '## Scale lab sweep in the browser: `bench/scale-sweep.ui.ts`';
const HEADER = `${SECTION}

The whole sweep (10 … 30,000 Services, three modes: 24 points) in headless Chromium on the built app: \`Scale lab\`,
Up to 30,000, \`Run the sweep\`, until the page shows "24 points measured in … s". **page wall** is the click → that
text, stamped by the page itself (a \`MutationObserver\` on the dialog's status); **worker** is the sweep's own
elapsed time in the worker, as the finish text prints it; **page CPU** the renderer process's CPU time over the same
span (Chrome's \`SystemInfo.getProcessInfo\`: the worker, its garbage collector's helper threads and the page's main
thread), what the sweep cost without the time it waited for a CPU; **longest task** the page's longest main-thread
task during the sweep (\`PerformanceObserver('longtask')\`). The machine is shared (2 cores): the load average (1 min) is
read before the click and after the finish. Target: ≤ 15 s.

| date (UTC) | commit | page wall | worker | page CPU | longest task | load before → after |
|---|---|---|---|---|---|---|
`;

function commit(): string {
  try {
    const sha = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { encoding: 'utf8' }).trim() !== '';
    return dirty ? `${sha}+` : sha;
  } catch {
    return 'unknown';
  }
}

/** Adds a row to the section's table (creating the section at the end of the file the first time). */
function record(out: string, run: SweepUiRun, label: string): void {
  const row = `| ${new Date().toISOString().slice(0, 16).replace('T', ' ')} | ${label} | ${(run.wallMs / 1000).toFixed(1)} s | ${run.workerS.toFixed(1)} s | ${(run.pageCpuMs / 1000).toFixed(1)} s | ${run.longestTaskMs > 0 ? `${run.longestTaskMs.toFixed(0)} ms` : '< 50 ms'} | ${run.loadBefore.toFixed(1)} → ${run.loadAfter.toFixed(1)} |\n`;
  let text = existsSync(out) ? readFileSync(out, 'utf8') : '';
  const at = text.indexOf(SECTION);
  if (at < 0) {
    text = `${text.trimEnd()}\n\n${HEADER}${row}`;
  } else {
    // The table ends at the first blank line after the section's header row.
    const tableStart = text.indexOf('|---', at);
    const end = text.indexOf('\n\n', tableStart);
    text = end < 0 ? `${text.trimEnd()}\n${row}` : `${text.slice(0, end + 1)}${row}${text.slice(end + 1)}`;
  }
  writeFileSync(out, text);
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { url: { type: 'string', default: 'http://127.0.0.1:4173/' }, runs: { type: 'string', default: '1' }, out: { type: 'string', default: 'bench/RESULTS.md' }, label: { type: 'string' }, 'max-services': { type: 'string', default: '30000' }, 'no-write': { type: 'boolean', default: false } } });
  const executablePath = systemChromium();
  const browser = await chromium.launch({ ...(executablePath ? { executablePath } : {}), args: CHROMIUM_ARGS });
  try {
    console.log(`${cpus().length} × ${cpus()[0]?.model.trim() ?? 'unknown'}, ${values.url}`);
    for (let i = 0; i < Number(values.runs); i++) {
      const r = await measureSweep(browser, values.url, Number(values['max-services']));
      const gaps = r.pointsMs.map((t, k) => t - (r.pointsMs[k - 1] ?? 0));
      console.log(`run ${i + 1}: page wall ${(r.wallMs / 1000).toFixed(2)} s, worker ${r.workerS.toFixed(1)} s (page CPU ${(r.pageCpuMs / 1000).toFixed(1)} s), longest main-thread task ${r.longestTaskMs.toFixed(0)} ms, load ${r.loadBefore.toFixed(2)} → ${r.loadAfter.toFixed(2)}`);
      console.log(`  point gaps ms: ${gaps.map((g) => g.toFixed(0)).join(' ')}`);
      if (!values['no-write']) record(values.out, r, values.label ?? commit());
    }
  } finally {
    await browser.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
