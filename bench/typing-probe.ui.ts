/**
 * Typing in a scenario of many Services, measured the same way by the UI bench's (d) (bench/ui-services.ui.ts)
 * and the timing e2e test (e2e/timing/typing.ts). The page keeps its own record (TYPING_PROBE, an init script):
 * each keydown's time, every long main-thread task (PerformanceObserver 'longtask', so 50 ms or more), and the
 * moment the chain graph shows the port it was told to wait for. Single keystrokes then edit the first own
 * Service's port (`10000` ⌫ `1000`, `0` `10000`, …: each a new valid scenario, never another Service's port,
 * which the overview already shows). `kpl-key` and `kpl-seen` marks let a Chrome trace cut the same windows
 * for the longest task's CPU time.
 */
import type { Page } from '@playwright/test';

/** Keydown times, long tasks and the moment the graph showed the wanted port, kept by the page itself. */
export const TYPING_PROBE = `
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

/** What the page has recorded (TYPING_PROBE). */
export interface TypingRecord {
  readonly keys: number[];
  readonly tasks: { start: number; duration: number }[];
  readonly seen: number[];
}

/** A Chrome trace event, as `Tracing.dataCollected` reports it. */
export interface TraceEvent {
  readonly name: string;
  readonly ph: string;
  readonly ts: number;
  readonly dur?: number;
  readonly tdur?: number;
  readonly pid: number;
  readonly tid: number;
  readonly args?: { readonly name?: string };
}

/** The categories that hold the main thread's tasks (with their CPU time) and the page's marks. */
export const TRACE_CATEGORIES = 'devtools.timeline,disabled-by-default-devtools.timeline,blink.user_timing';

/** How long after the graph shows a keystroke's port its window ends, ms: the page's work that follows. */
export const AFTER_KEYSTROKE_MS = 300;

type ProbeWindow = { __kplTyping: TypingRecord & { want: string | null } };

export const typingRecord = (page: Page): Promise<TypingRecord> => page.evaluate(() => (window as unknown as ProbeWindow).__kplTyping);

/** Forgets the keydowns so far (and, `clearMarks`, the page's marks) and tells the page which port to wait for. */
const waitFor = (page: Page, port: string, clearMarks = false): Promise<void> =>
  page.evaluate(
    ([p, clear]) => {
      const S = (window as unknown as ProbeWindow).__kplTyping;
      S.keys.length = 0;
      if (clear) performance.clearMarks();
      S.want = p;
    },
    [port, clearMarks] as const,
  );

const portShown = (page: Page, timeout: number): Promise<unknown> => page.waitForFunction(() => (window as unknown as ProbeWindow).__kplTyping.want === null, undefined, { timeout });

/** The longest long task that overlaps `from`–`to`, ms (0 when none). */
export function longestTask(tasks: TypingRecord['tasks'], from: number, to: number): number {
  return Math.max(0, ...tasks.filter((t) => t.start + t.duration >= from && t.start <= to).map((t) => t.duration));
}

/**
 * Pastes `text` (the clipboard must be granted) over the editor's text, `beforePaste` just before the paste
 * key, and waits until the graph shows `port`, then a second more: the page's record then.
 */
export async function pasteScenario(page: Page, text: string, port: string, beforePaste: () => Promise<unknown> = async () => {}): Promise<TypingRecord> {
  await page.evaluate((t) => navigator.clipboard.writeText(t), text);
  await page.getByRole('region', { name: 'Scenario editor' }).locator('.monaco-editor').click();
  await page.keyboard.press('ControlOrMeta+A');
  await beforePaste();
  await waitFor(page, port, true);
  await page.keyboard.press('ControlOrMeta+V');
  await portShown(page, 60_000);
  await page.waitForTimeout(1000);
  return typingRecord(page);
}

/** Puts the editor's cursor at the end of the `port: PORT` line. */
export async function goToPortLine(page: Page, text: string, port: string): Promise<void> {
  const line = text.split('\n').findIndex((l) => l === `    port: ${port}`) + 1;
  if (line === 0) throw new Error(`the scenario has no "port: ${port}" line`);
  await page.getByRole('textbox', { name: 'Scenario YAML' }).focus();
  await page.keyboard.press('ControlOrMeta+G');
  await page.keyboard.type(String(line));
  await page.keyboard.press('Enter');
  await page.keyboard.press('End');
  await page.waitForTimeout(1000);
}

/**
 * `keystrokes` single keystrokes on `port` (the cursor at its end), one at a time: per keystroke, keydown →
 * the graph shows the new port, and the longest long task from the keydown until AFTER_KEYSTROKE_MS after.
 */
export async function typeOnPort(page: Page, port: string, keystrokes: number): Promise<{ keystrokeMs: number[]; longestTaskMs: number[] }> {
  const cycle = [
    { key: 'Backspace', port: port.slice(0, -1) },
    { key: port.slice(-1), port },
  ];
  const keystrokeMs: number[] = [];
  const longestTaskMs: number[] = [];
  for (let i = 0; i < keystrokes; i++) {
    const next = cycle[i % cycle.length]!;
    await waitFor(page, next.port);
    await page.keyboard.press(next.key);
    await portShown(page, 30_000);
    await page.waitForTimeout(AFTER_KEYSTROKE_MS);
    const s = await typingRecord(page);
    const at = s.keys.at(-1)!;
    const seen = s.seen.at(-1)!;
    keystrokeMs.push(seen - at);
    longestTaskMs.push(longestTask(s.tasks, at, seen + AFTER_KEYSTROKE_MS));
    // Let the page settle (the editor's own language worker answers late) so keystrokes do not overlap.
    await page.waitForTimeout(500);
  }
  return { keystrokeMs, longestTaskMs };
}

/**
 * Per window (from the last `kpl-key` mark before a `kpl-seen` mark to that mark plus `afterMs`), the longest
 * main-thread task's CPU time in ms, in the order of the marks.
 */
export function cpuPerWindow(events: readonly TraceEvent[], afterMs: readonly number[]): number[] {
  const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  if (!main) return [];
  const marks = events.filter((e) => (e.name === 'kpl-key' || e.name === 'kpl-seen') && e.pid === main.pid).sort((a, b) => a.ts - b.ts);
  const tasks = events.filter((e) => e.name === 'RunTask' && e.ph === 'X' && e.pid === main.pid && e.tid === main.tid);
  const out: number[] = [];
  let from: number | undefined;
  for (const m of marks) {
    if (m.name === 'kpl-key') from = m.ts;
    else if (from !== undefined) {
      const to = m.ts + (afterMs[out.length] ?? AFTER_KEYSTROKE_MS) * 1000;
      const start = from;
      out.push(Math.max(0, ...tasks.filter((t) => t.ts + (t.dur ?? 0) >= start && t.ts <= to).map((t) => (t.tdur ?? t.dur ?? 0) / 1000)));
      from = undefined;
    }
  }
  return out;
}
