/**
 * Typing with many Services loaded, measured as bench/ui-services.ui.ts's (d) does, on the test's own page: the
 * scenario (bench/many-services.ts) is pasted, then single keystrokes edit the first own Service's port
 * (`10000` ⌫ `1000`, `0` `10000`, …: each a new valid scenario, never another Service's port). Per keystroke: the
 * longest main-thread task (PerformanceObserver 'longtask') from the keydown until 300 ms after the chain graph shows
 * the new port, and that window's longest task's CPU time from a Chrome trace taken over the keystrokes only. (Calling
 * the bench's own function, whose trace covers the paste too, once came back without the keystrokes' marks at a load
 * average of 25, most likely a full trace buffer; and here the page is the test's, with its network and CSP checks.)
 */
import type { Page } from '@playwright/test';
import { manyServicePort, manyServicesScenario } from '../../bench/many-services';
import { expect, openApp } from '../fixtures';

/** Keydown times, long tasks and the moment the graph showed the wanted port, kept by the page itself. */
const PROBE = `
window.__kplTyping = { keys: [], tasks: [], want: null, seen: [] };
const S = window.__kplTyping;
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

interface PageState {
  readonly keys: number[];
  readonly tasks: { start: number; duration: number }[];
  readonly seen: number[];
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

export interface TypingRun {
  /** Per keystroke: the longest main-thread task, ms (0 when none reached 50 ms). */
  readonly longestTaskMs: number[];
  /** Per keystroke: the longest main-thread task's CPU time, ms. */
  readonly longestTaskCpuMs: number[];
  /** Per keystroke: keydown → the graph shows the new port, ms. */
  readonly keystrokeMs: number[];
  /** Paste → the graph shows the scenario, ms (the load: not bounded). */
  readonly pasteMs: number;
}

const AFTER_MS = 300;
const state = (page: Page): Promise<PageState> => page.evaluate(() => (window as unknown as { __kplTyping: PageState }).__kplTyping);
const waitSeen = (page: Page, timeout: number): Promise<unknown> => page.waitForFunction(() => (window as unknown as { __kplTyping: { want: unknown } }).__kplTyping.want === null, undefined, { timeout });
const want = (page: Page, port: string): Promise<void> =>
  page.evaluate((p) => {
    const S = (window as unknown as { __kplTyping: { keys: number[]; want: string | null } }).__kplTyping;
    S.keys.length = 0;
    S.want = p;
  }, port);

/** Call before the page loads (an init script). */
export async function watchTyping(page: Page): Promise<void> {
  await page.addInitScript(PROBE);
}

export async function measureTyping(page: Page, services: number, keystrokes: number): Promise<TypingRun> {
  await openApp(page);
  await expect(page.getByRole('region', { name: 'Rules' }).locator('.rules-line').first()).toBeVisible();
  await page.waitForTimeout(1000);
  const text = manyServicesScenario(services);
  const firstPort = String(manyServicePort(0));
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.evaluate((t) => navigator.clipboard.writeText(t), text);
  await page.getByRole('region', { name: 'Scenario editor' }).locator('.monaco-editor').click();
  await page.keyboard.press('ControlOrMeta+A');
  await want(page, firstPort);
  await page.keyboard.press('ControlOrMeta+V');
  await waitSeen(page, 60_000);
  const pasted = await state(page);
  const pasteMs = pasted.seen.at(-1)! - pasted.keys.at(-1)!;
  await page.waitForTimeout(1000);

  const line = text.split('\n').findIndex((l) => l === `    port: ${firstPort}`) + 1;
  expect(line, `the scenario has a "port: ${firstPort}" line`).toBeGreaterThan(0);
  await page.getByRole('textbox', { name: 'Scenario YAML' }).focus();
  await page.keyboard.press('ControlOrMeta+G');
  await page.keyboard.type(String(line));
  await page.keyboard.press('Enter');
  await page.keyboard.press('End');
  await page.waitForTimeout(1000);

  const cdp = await page.context().newCDPSession(page);
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (e) => void events.push(...(e.value as unknown as TraceEvent[])));
  await cdp.send('Tracing.start', { categories: 'devtools.timeline,disabled-by-default-devtools.timeline,blink.user_timing', transferMode: 'ReportEvents' });
  const cycle = [
    { key: 'Backspace', port: firstPort.slice(0, -1) },
    { key: firstPort.slice(-1), port: firstPort },
  ];
  const longestTaskMs: number[] = [];
  const keystrokeMs: number[] = [];
  for (let i = 0; i < keystrokes; i++) {
    const { key, port } = cycle[i % cycle.length]!;
    await want(page, port);
    await page.keyboard.press(key);
    await waitSeen(page, 30_000);
    await page.waitForTimeout(AFTER_MS);
    const s = await state(page);
    const at = s.keys.at(-1)!;
    const seen = s.seen.at(-1)!;
    keystrokeMs.push(seen - at);
    longestTaskMs.push(Math.max(0, ...s.tasks.filter((t) => t.start + t.duration >= at && t.start <= seen + AFTER_MS).map((t) => t.duration)));
    // Let the page settle (the editor's own language worker answers late) so keystrokes do not overlap.
    await page.waitForTimeout(500);
  }
  const done = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  await cdp.send('Tracing.end');
  await done;
  await cdp.detach();
  return { longestTaskMs, longestTaskCpuMs: cpuPerKeystroke(events), keystrokeMs, pasteMs };
}

/** Per keystroke (a `kpl-key` mark up to the next `kpl-seen` mark plus AFTER_MS), the longest main-thread task's CPU time (ms). */
function cpuPerKeystroke(events: readonly TraceEvent[]): number[] {
  const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  if (!main) return [];
  const marks = events.filter((e) => (e.name === 'kpl-key' || e.name === 'kpl-seen') && e.pid === main.pid).sort((a, b) => a.ts - b.ts);
  const tasks = events.filter((e) => e.name === 'RunTask' && e.ph === 'X' && e.pid === main.pid && e.tid === main.tid);
  const out: number[] = [];
  let from: number | undefined;
  for (const m of marks) {
    if (m.name === 'kpl-key') from = m.ts;
    else if (from !== undefined) {
      const start = from;
      const to = m.ts + AFTER_MS * 1000;
      out.push(Math.max(0, ...tasks.filter((t) => t.ts + (t.dur ?? 0) >= start && t.ts <= to).map((t) => (t.tdur ?? t.dur ?? 0) / 1000)));
      from = undefined;
    }
  }
  return out;
}
