/**
 * Typing with many Services loaded, measured as bench/ui-services.ui.ts's (d) does (bench/typing-probe.ui.ts), on
 * the test's own page: the scenario (bench/many-services.ts) is pasted, then single keystrokes edit the first own
 * Service's port. Per keystroke: the longest main-thread task (PerformanceObserver 'longtask') from the keydown until 300 ms after the chain graph shows
 * the new port, and that window's longest task's CPU time from a Chrome trace taken over the keystrokes only. (Calling
 * the bench's own function, whose trace covers the paste too, once came back without the keystrokes' marks at a load
 * average of 25, most likely a full trace buffer; and here the page is the test's, with its network and CSP checks.)
 */
import type { Page } from '@playwright/test';
import { manyServicePort, manyServicesScenario } from '../../bench/many-services';
import { AFTER_KEYSTROKE_MS, TRACE_CATEGORIES, TYPING_PROBE, cpuPerWindow, goToPortLine, pasteScenario, typeOnPort, type TraceEvent } from '../../bench/typing-probe.ui';
import { expect, openApp } from '../fixtures';

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

/** Call before the page loads (an init script). */
export async function watchTyping(page: Page): Promise<void> {
  await page.addInitScript(TYPING_PROBE);
}

export async function measureTyping(page: Page, services: number, keystrokes: number): Promise<TypingRun> {
  await openApp(page);
  await expect(page.getByRole('region', { name: 'Rules' }).locator('.rules-line').first()).toBeVisible();
  await page.waitForTimeout(1000);
  const text = manyServicesScenario(services);
  const firstPort = String(manyServicePort(0));
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  const pasted = await pasteScenario(page, text, firstPort);
  const pasteMs = pasted.seen.at(-1)! - pasted.keys.at(-1)!;
  await goToPortLine(page, text, firstPort);

  const cdp = await page.context().newCDPSession(page);
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (e) => void events.push(...(e.value as unknown as TraceEvent[])));
  await cdp.send('Tracing.start', { categories: TRACE_CATEGORIES, transferMode: 'ReportEvents' });
  const { keystrokeMs, longestTaskMs } = await typeOnPort(page, firstPort, keystrokes);
  const done = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  await cdp.send('Tracing.end');
  await done;
  await cdp.detach();
  return { longestTaskMs, longestTaskCpuMs: cpuPerWindow(events, keystrokeMs.map(() => AFTER_KEYSTROKE_MS)), keystrokeMs, pasteMs };
}
