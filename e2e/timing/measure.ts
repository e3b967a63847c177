/**
 * How the timing phase measures. The phase (playwright.config.ts's `timing` project) runs after every other
 * e2e test has finished and its browsers have closed, one test at a time (scripts/e2e.mjs), so a main-thread
 * task's wall time is the page's own work and not the time it waited for a CPU held by another test's browser.
 * Each bound is checked twice: on wall time (PerformanceObserver 'longtask', what a user feels) and on CPU time
 * (Chrome's trace, what the page itself did at once). A machine busy with other work still stretches wall time:
 * then the measurement is taken once more after a pause, with the load averages written down, and the test fails
 * only when both attempts are over. Each attempt's load averages and the CPUs' busy share are in the report.
 */
import { availableParallelism, cpus, loadavg } from 'node:os';
import type { Page } from '@playwright/test';
import { test, expect } from '../fixtures';

export interface Measured {
  /** The longest main-thread task's wall time, ms (0: no task reached the Long Tasks API's 50 ms). */
  readonly wallMs: number;
  /** The longest main-thread task's CPU time, ms. */
  readonly cpuMs: number;
  /** More numbers for the report (per keystroke, the long tasks' list). */
  readonly detail?: string;
}

export interface Budget {
  readonly wallMs: number;
  readonly cpuMs: number;
}

/** Long enough for a burst of other work (a build, a browser closing) to pass. */
const PAUSE_MS = 10_000;
/** After the pause, how much longer to wait for the CPUs to be mostly idle. */
const QUIET_WAIT_MS = 30_000;
const QUIET_SHARE = 0.5;

/** The machine's CPU time so far, summed over its CPUs (ms). */
function cpuTimes(): { busy: number; total: number } {
  let busy = 0;
  let total = 0;
  for (const { times } of cpus()) {
    busy += times.user + times.nice + times.sys + times.irq;
    total += times.user + times.nice + times.sys + times.irq + times.idle;
  }
  return { busy, total };
}

/** The share of the machine's CPU time that was busy since `from` (0–1). */
function busySince(from: { busy: number; total: number }): number {
  const now = cpuTimes();
  return now.total > from.total ? (now.busy - from.busy) / (now.total - from.total) : 0;
}

/**
 * The load averages lag (the 1-minute one still counts the main phase's browsers a minute after they closed);
 * the CPUs' busy share over the attempt says what ran beside it, the test's own browser included.
 */
function loadText(busy: number): string {
  const averages = loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
  return `${averages} (1, 5, 15 min) on ${availableParallelism()} CPUs, ${Math.round(busy * 100)} % busy during the attempt`;
}

/** Pauses, then waits (a while at most) for a second in which the CPUs are mostly idle. */
async function pauseForQuiet(): Promise<string> {
  const start = Date.now();
  await new Promise((resolve) => setTimeout(resolve, PAUSE_MS));
  for (;;) {
    const from = cpuTimes();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const busy = busySince(from);
    if (busy < QUIET_SHARE || Date.now() - start > PAUSE_MS + QUIET_WAIT_MS) return `${((Date.now() - start) / 1000).toFixed(0)} s, the last second ${Math.round(busy * 100)} % busy`;
  }
}

async function attempt(measure: (attempt: number) => Promise<Measured>, n: number): Promise<{ m: Measured; load: string }> {
  const from = cpuTimes();
  const m = await measure(n);
  return { m, load: loadText(busySince(from)) };
}

const ms = (wall: number): string => (wall === 0 ? '< 50' : wall.toFixed(0));

function annotate(attempt: number, m: Measured, load: string): void {
  const suffix = attempt === 1 ? '' : ` (attempt ${attempt})`;
  test.info().annotations.push(
    { type: `longest-task-ms${suffix}`, description: ms(m.wallMs) },
    { type: `longest-task-cpu-ms${suffix}`, description: m.cpuMs.toFixed(0) },
    { type: `load-average${suffix}`, description: load },
  );
  if (m.detail) test.info().annotations.push({ type: `detail${suffix}`, description: m.detail });
}

/**
 * Runs `measure` (which must start from a fresh page: see `startOver`); when the longest task is over either
 * bound, waits and runs it once more. Each attempt's numbers and the load averages after it go into the report.
 */
export async function expectWithinBudget(budget: Budget, measure: (attempt: number) => Promise<Measured>): Promise<void> {
  const over = (m: Measured): boolean => m.wallMs > budget.wallMs || m.cpuMs > budget.cpuMs;
  const { m: first, load: firstLoad } = await attempt(measure, 1);
  annotate(1, first, firstLoad);
  let last = first;
  let context = `load ${firstLoad}`;
  if (over(first)) {
    test.info().annotations.push({
      type: 'measured-again',
      description: `attempt 1 was over (wall ${ms(first.wallMs)} ms, CPU ${first.cpuMs.toFixed(0)} ms; bounds ${budget.wallMs} and ${budget.cpuMs} ms) at load ${firstLoad}; measured again after a pause`,
    });
    test.info().annotations.push({ type: 'paused', description: await pauseForQuiet() });
    const second = await attempt(measure, 2);
    last = second.m;
    const lastLoad = second.load;
    annotate(2, last, lastLoad);
    context = `both attempts: wall ${ms(first.wallMs)} then ${ms(last.wallMs)} ms, CPU ${first.cpuMs.toFixed(0)} then ${last.cpuMs.toFixed(0)} ms, at load ${firstLoad} then ${lastLoad}`;
  }
  expect(last.cpuMs, `longest main-thread task, CPU time (ms); ${context}`).toBeLessThanOrEqual(budget.cpuMs);
  expect(last.wallMs, `longest main-thread task, wall time (ms); ${context}`).toBeLessThanOrEqual(budget.wallMs);
}

/** A second attempt starts where the first did: the lab's saved state gone, no page loaded. */
export async function startOver(page: Page): Promise<void> {
  if (page.url().startsWith('http')) await page.evaluate(() => localStorage.clear());
  await page.goto('about:blank');
}

interface TraceEvent {
  readonly name: string;
  readonly ph: string;
  readonly dur?: number;
  readonly tdur?: number;
  readonly pid: number;
  readonly tid: number;
  readonly args?: { readonly name?: string };
}

/** Records the page's main-thread tasks until the returned function is called; it answers the longest task's CPU time (ms). */
export async function watchCpu(page: Page): Promise<() => Promise<number>> {
  const cdp = await page.context().newCDPSession(page);
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (e) => void events.push(...(e.value as unknown as TraceEvent[])));
  await cdp.send('Tracing.start', { categories: 'devtools.timeline,disabled-by-default-devtools.timeline', transferMode: 'ReportEvents' });
  return async () => {
    const done = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
    await cdp.send('Tracing.end');
    await done;
    await cdp.detach();
    const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
    expect(main, 'the trace names the page’s main thread').toBeDefined();
    const tasks = events.filter((e) => e.name === 'RunTask' && e.ph === 'X' && e.pid === main!.pid && e.tid === main!.tid);
    expect(tasks.length).toBeGreaterThan(0);
    return Math.max(...tasks.map((t) => (t.tdur ?? t.dur ?? 0) / 1000));
  };
}

interface LongTaskWindow {
  __kplLongest: number;
  __kplTasks: string[];
}

/** From the next page load on, the page keeps its longest main-thread task (Long Tasks API) and a list of them. */
export async function watchLongTasks(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as LongTaskWindow;
    w.__kplLongest = 0;
    w.__kplTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        w.__kplLongest = Math.max(w.__kplLongest, e.duration);
        w.__kplTasks.push(`${Math.round(e.startTime)}+${Math.round(e.duration)}`);
      }
    }).observe({ type: 'longtask', buffered: true });
  });
}

/** Forgets the tasks so far (the page's own loading); answers the page's clock at that moment. */
export const resetLongest = (page: Page): Promise<number> =>
  page.evaluate(() => {
    const w = window as unknown as LongTaskWindow;
    w.__kplLongest = 0;
    w.__kplTasks = [];
    return performance.now();
  });

/** The longest main-thread task since the last reset (ms) and every long task as `start+duration`. */
export const longest = (page: Page): Promise<{ wallMs: number; tasks: string[] }> =>
  page.evaluate(() => {
    const w = window as unknown as LongTaskWindow;
    return { wallMs: w.__kplLongest, tasks: w.__kplTasks };
  });
