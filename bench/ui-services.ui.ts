/**
 * (d) of the UI budgets (bench/ui-budgets.ui.ts): typing in a scenario of many Services. A scenario of
 * N Services (bench/many-services.ts) is pasted into the editor, then single keystrokes edit the first own
 * Service's port (`port: 10000` → `1000` → `10001` → `1000` → `10000` …), each making a new valid
 * scenario. For each keystroke: the time until the chain graph shows the new port, and the longest
 * main-thread task (PerformanceObserver 'longtask': tasks of 50 ms or more) from the keydown until the graph
 * shows it plus 300 ms. Measured in the two views of the graph: one Service's chains (what the graph shows
 * after loading) and the "All services" overview.
 */
import { chromium, type Browser } from '@playwright/test';
import { loadavg } from 'node:os';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { CHROMIUM_ARGS, systemChromium } from '../e2e/browser';
import { manyServicePort, manyServicesScenario } from './many-services';
import { AFTER_KEYSTROKE_MS, TRACE_CATEGORIES, TYPING_PROBE, cpuPerWindow, goToPortLine, longestTask, pasteScenario, typeOnPort, type TraceEvent } from './typing-probe.ui';

/** A returning visitor: the Start here card (first visits only) would cover the editor. */
const RETURNING_VISITOR = `try { localStorage.setItem('kpl.start.v1', 'explore'); } catch {}`;

export type ServicesView = 'service' | 'overview';

export interface ServicesRun {
  readonly services: number;
  readonly view: ServicesView;
  /** Keydown → the graph shows the new port, ms. */
  readonly keystrokeMs: number[];
  /** The longest main-thread task around each keystroke, ms (0 when no task reached 50 ms). */
  readonly longestTaskMs: number[];
  /** The longest task from the paste of the whole scenario until the graph showed it (plus 1 s), ms. */
  readonly pasteLongestTaskMs: number;
  /** Paste → the graph shows the scenario's first own Service, ms. */
  readonly pasteMs: number;
  /**
   * The same longest tasks as CPU time of the page's main thread (Chrome's trace, `tdur`), ms: what the
   * task itself cost, without the time it waited for a CPU the machine's other work held.
   */
  readonly longestTaskCpuMs: number[];
  readonly pasteLongestTaskCpuMs: number;
}

/**
 * `cpuSlowdown` > 1 runs the page's CPU that many times slower (Chrome's CPU throttling, as DevTools
 * does): a stand-in for a machine busy with other work, the same every run, to see which tasks would grow
 * past the budget there.
 */
export async function measureServices(browser: Browser, url: string, services: number, view: ServicesView, keystrokes: number, cpuSlowdown = 1): Promise<ServicesRun> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, serviceWorkers: 'block' });
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const page = await context.newPage();
  await page.addInitScript(RETURNING_VISITOR);
  await page.addInitScript(TYPING_PROBE);
  const cdp = await context.newCDPSession(page);
  if (cpuSlowdown > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpuSlowdown });
  const trace: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (e) => void trace.push(...(e.value as unknown as TraceEvent[])));
  await page.goto(url);
  await page.locator('.monaco-editor .view-lines').waitFor();
  await page.getByRole('region', { name: 'Rules' }).locator('.rules-line').first().waitFor();
  await page.waitForTimeout(1000);

  const text = manyServicesScenario(services);
  const firstPort = String(manyServicePort(0));
  const pasted = await pasteScenario(page, text, firstPort, () => cdp.send('Tracing.start', { categories: TRACE_CATEGORIES, transferMode: 'ReportEvents' }));
  const pasteAt = pasted.keys.at(-1)!;
  const pasteMs = pasted.seen.at(-1)! - pasteAt;
  const pasteLongestTaskMs = longestTask(pasted.tasks, pasteAt, pasted.seen.at(-1)! + 1000);

  if (view === 'overview') {
    await page.getByRole('region', { name: 'Chain graph' }).getByLabel('Service', { exact: true }).selectOption('');
    await page.getByRole('region', { name: 'Chain graph' }).getByRole('list', { name: 'Services' }).waitFor();
  }
  await goToPortLine(page, text, firstPort);
  const run = { services, view, ...(await typeOnPort(page, firstPort, keystrokes)), pasteLongestTaskMs, pasteMs };
  const done = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  await cdp.send('Tracing.end');
  await done;
  const [pasteCpu, ...keysCpu] = cpuPerWindow(trace, [1000, ...run.keystrokeMs.map(() => AFTER_KEYSTROKE_MS)]);
  await context.close();
  return { ...run, longestTaskCpuMs: keysCpu, pasteLongestTaskCpuMs: pasteCpu ?? 0 };
}

/**
 * Run alone, (d) only, e.g. to compare two builds served side by side on the same (busy) machine:
 * `npx tsx bench/ui-services.ui.ts --url http://127.0.0.1:4391/ --services 500 --views service,overview`.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { url: { type: 'string', default: 'http://127.0.0.1:4173/' }, services: { type: 'string', default: '20,500' }, views: { type: 'string', default: 'service,overview' }, keystrokes: { type: 'string', default: '12' }, 'cpu-slowdown': { type: 'string', default: '1' } } });
  const executablePath = systemChromium();
  const browser = await chromium.launch({ ...(executablePath ? { executablePath } : {}), args: CHROMIUM_ARGS });
  try {
    for (const n of values.services.split(',').map(Number)) {
      for (const view of values.views.split(',') as ServicesView[]) {
        const r = await measureServices(browser, values.url, n, view, Number(values.keystrokes), Number(values['cpu-slowdown']));
        const sorted = (xs: number[]): string => [...xs].sort((a, b) => a - b).map((x) => x.toFixed(0)).join(' ');
        console.log(`${n} Services, ${view} (load ${loadavg()[0]!.toFixed(1)}): keystroke → graph ms [${sorted(r.keystrokeMs)}]; longest task per keystroke ms [${sorted(r.longestTaskMs)}], its CPU ms [${sorted(r.longestTaskCpuMs)}]; paste ${r.pasteMs.toFixed(0)} ms, longest task ${r.pasteLongestTaskMs.toFixed(0)} ms (CPU ${r.pasteLongestTaskCpuMs.toFixed(0)} ms)`);
      }
    }
  } finally {
    await browser.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
