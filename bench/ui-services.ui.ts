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
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { manyServicePort, manyServicesScenario } from './many-services';

/** Keydown times, long tasks and the moment the graph showed the wanted port, kept by the page itself. */
const PROBE = `
// A returning visitor: the Start here card (first visits only) would cover the editor.
try { localStorage.setItem('kpl.start.v1', 'explore'); } catch {}
window.__kplServices = { keys: [], tasks: [], want: null, seen: [] };
const S = window.__kplServices;
new PerformanceObserver((list) => { for (const e of list.getEntries()) S.tasks.push({ start: e.startTime, duration: e.duration }); }).observe({ type: 'longtask', buffered: true });
window.addEventListener('keydown', (e) => { S.keys.push(e.timeStamp); performance.mark('kpl-key'); }, true);
new MutationObserver(() => {
  if (S.want === null) return;
  const graph = document.querySelector('[aria-label="Chain graph"]');
  if (!graph) return;
  const port = new RegExp(':' + S.want + '/');
  const shown = [...graph.querySelectorAll('.chain-edge-label, .svc-entries, .react-flow__edge-text')].some((t) => port.test(t.textContent || ''));
  if (shown) { S.seen.push(performance.now()); S.want = null; performance.mark('kpl-seen'); }
}).observe(document, { subtree: true, childList: true, characterData: true });
`;

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

interface TraceEvent {
  readonly name: string;
  readonly ph: string;
  readonly ts: number;
  readonly dur?: number;
  readonly tdur?: number;
  readonly pid: number;
  readonly tid: number;
  readonly args?: { readonly name?: string };
}

/**
 * Per window (from the last `kpl-key` mark before a `kpl-seen` mark to that mark plus `afterMs`), the longest main-thread task's
 * CPU time in ms. Windows in the order of the marks.
 */
function cpuPerWindow(events: readonly TraceEvent[], afterMs: readonly number[]): number[] {
  const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  if (!main) return [];
  const marks = events.filter((e) => (e.name === 'kpl-key' || e.name === 'kpl-seen') && e.pid === main.pid).sort((a, b) => a.ts - b.ts);
  const tasks = events.filter((e) => e.name === 'RunTask' && e.ph === 'X' && e.pid === main.pid && e.tid === main.tid);
  const out: number[] = [];
  let from: number | undefined;
  for (const m of marks) {
    if (m.name === 'kpl-key') from = m.ts;
    else if (from !== undefined) {
      const to = m.ts + (afterMs[out.length] ?? 300) * 1000;
      const start = from;
      out.push(Math.max(0, ...tasks.filter((t) => t.ts + (t.dur ?? 0) >= start && t.ts <= to).map((t) => (t.tdur ?? t.dur ?? 0) / 1000)));
      from = undefined;
    }
  }
  return out;
}

interface PageState {
  readonly keys: number[];
  readonly tasks: { start: number; duration: number }[];
  readonly seen: number[];
}

const state = `(() => { const S = window.__kplServices; return { keys: S.keys, tasks: S.tasks, seen: S.seen }; })()`;

function longest(tasks: PageState['tasks'], from: number, to: number): number {
  return Math.max(0, ...tasks.filter((t) => t.start + t.duration >= from && t.start <= to).map((t) => t.duration));
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
  await page.addInitScript(PROBE);
  const cdp = await context.newCDPSession(page);
  if (cpuSlowdown > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpuSlowdown });
  const trace: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (e) => void trace.push(...(e.value as unknown as TraceEvent[])));
  await page.goto(url);
  await page.locator('.monaco-editor .view-lines').waitFor();
  await page.getByRole('region', { name: 'Rules' }).locator('.rules-line').first().waitFor();
  await page.waitForTimeout(1000);

  const text = manyServicesScenario(services);
  const firstPort = manyServicePort(0);
  await page.evaluate((t) => navigator.clipboard.writeText(t), text);
  await page.getByRole('region', { name: 'Scenario editor' }).locator('.monaco-editor').click();
  await page.keyboard.press('ControlOrMeta+A');
  await cdp.send('Tracing.start', { categories: 'devtools.timeline,disabled-by-default-devtools.timeline,blink.user_timing', transferMode: 'ReportEvents' });
  await page.evaluate(`(() => { const S = window.__kplServices; S.keys.length = 0; performance.clearMarks(); S.want = ${JSON.stringify(String(firstPort))}; })()`);
  await page.keyboard.press('ControlOrMeta+V');
  await page.waitForFunction(() => (window as unknown as { __kplServices: { want: unknown } }).__kplServices.want === null, undefined, { timeout: 60_000 });
  await page.waitForTimeout(1000);
  const pasted = (await page.evaluate(state)) as PageState;
  const pasteAt = pasted.keys[pasted.keys.length - 1]!;
  const pasteMs = pasted.seen[pasted.seen.length - 1]! - pasteAt;
  const pasteLongestTaskMs = longest(pasted.tasks, pasteAt, pasted.seen[pasted.seen.length - 1]! + 1000);

  if (view === 'overview') {
    await page.getByRole('region', { name: 'Chain graph' }).getByLabel('Service', { exact: true }).selectOption('');
    await page.getByRole('region', { name: 'Chain graph' }).getByRole('list', { name: 'Services' }).waitFor();
  }
  const line = text.split('\n').findIndex((l) => l === `    port: ${firstPort}`) + 1;
  if (line === 0) throw new Error(`the scenario has no "port: ${firstPort}" line`);
  await page.getByRole('textbox', { name: 'Scenario YAML' }).focus();
  await page.keyboard.press('ControlOrMeta+G');
  await page.keyboard.type(String(line));
  await page.keyboard.press('Enter');
  await page.keyboard.press('End');
  await page.waitForTimeout(1000);
  // One keystroke each, every result a valid port no other Service has: 10000 ⌫ 1000, 0 → 10000. (10001
  // would be the next Service's port: the overview shows that row already, and would be "seen" at once.)
  const base = String(firstPort).slice(0, -1);
  const cycle = [
    { key: 'Backspace', port: base },
    { key: String(firstPort).slice(-1), port: String(firstPort) },
  ];
  const run = { services, view, keystrokeMs: [] as number[], longestTaskMs: [] as number[], pasteLongestTaskMs, pasteMs };
  for (let i = 0; i < keystrokes; i++) {
    const { key, port } = cycle[i % cycle.length]!;
    await page.evaluate(`(() => { const S = window.__kplServices; S.keys.length = 0; S.want = ${JSON.stringify(port)}; })()`);
    await page.keyboard.press(key);
    await page.waitForFunction(() => (window as unknown as { __kplServices: { want: unknown } }).__kplServices.want === null, undefined, { timeout: 30_000 });
    await page.waitForTimeout(300);
    const s = (await page.evaluate(state)) as PageState;
    const at = s.keys[s.keys.length - 1]!;
    const seen = s.seen[s.seen.length - 1]!;
    run.keystrokeMs.push(seen - at);
    run.longestTaskMs.push(longest(s.tasks, at, seen + 300));
    // Let the page settle (the editor's own language worker answers late) so keystrokes do not overlap.
    await page.waitForTimeout(500);
  }
  const done = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  await cdp.send('Tracing.end');
  await done;
  const [pasteCpu, ...keysCpu] = cpuPerWindow(trace, [1000, ...run.keystrokeMs.map(() => 300)]);
  await context.close();
  return { ...run, longestTaskCpuMs: keysCpu, pasteLongestTaskCpuMs: pasteCpu ?? 0 };
}

/**
 * Run alone, (d) only, e.g. to compare two builds served side by side on the same (busy) machine:
 * `npx tsx bench/ui-services.ui.ts --url http://127.0.0.1:4391/ --services 500 --views service,overview`.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { url: { type: 'string', default: 'http://127.0.0.1:4173/' }, services: { type: 'string', default: '20,500' }, views: { type: 'string', default: 'service,overview' }, keystrokes: { type: 'string', default: '12' }, 'cpu-slowdown': { type: 'string', default: '1' } } });
  const executablePath = process.env.CHROMIUM_PATH || ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find((p) => existsSync(p));
  const browser = await chromium.launch({ ...(executablePath ? { executablePath } : {}), args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run'] });
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
