/**
 * A long ruleset (over 2,000 lines: 500 Services print ~7,500) renders only the lines in view, and still
 * behaves like a short one: lines wrap with the wrap switch, wrapped lines take their height (none
 * overlaps the next), and ↑ ↓ Home End move the keyboard focus through all of them, also to lines that
 * were not rendered yet.
 */
import type { Locator } from '@playwright/test';
import { test, expect, openApp, replaceEditorText } from './fixtures';
import { manyServicesScenario } from '../bench/many-services';

/** The rendered lines' index, top and bottom (px, in the page), in DOM order. */
function boxes(rules: Locator): Promise<{ line: number; top: number; bottom: number }[]> {
  return rules.locator('[data-line]').evaluateAll((els) =>
    els.map((e) => {
      const r = e.getBoundingClientRect();
      return { line: Number((e as HTMLElement).dataset.line), top: r.top, bottom: r.bottom };
    }),
  );
}

const focusedLine = (rules: Locator): Promise<number> => rules.evaluate(() => Number((document.activeElement as HTMLElement | null)?.dataset.line ?? -1));

test('a windowed ruleset wraps like a short one and moves with the arrow keys', async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1280, height: 720 });
  await openApp(page);
  const explore = page.getByRole('button', { name: 'Explore on my own' });
  if (await explore.isVisible()) await explore.click();
  await replaceEditorText(page, manyServicesScenario(500));
  const rules = page.getByRole('region', { name: 'Rules' });
  // The 500 Services' rules are windowed (two spacers around the lines in view).
  await expect(rules.locator('.rules-spacer')).toHaveCount(2, { timeout: 60_000 });
  const text = rules.locator('pre');
  expect(await rules.locator('[data-line]').count()).toBeLessThan(500);

  // Without wrap every line is one line high; with it, long lines (a Service's comment and its jump) wrap,
  // take their own height, and never overlap the next.
  const lineHeight = await text.evaluate((el) => parseFloat(getComputedStyle(el).lineHeight));
  // The first ~2,000 lines declare chains (short); the rules with comments and jumps come after.
  await text.evaluate((el) => (el.scrollTop = el.scrollHeight / 2));
  await expect.poll(async () => Math.min(...(await boxes(rules)).map((b) => b.line))).toBeGreaterThan(2500);
  const before = await boxes(rules);
  expect(Math.max(...before.map((b) => b.bottom - b.top))).toBeLessThan(lineHeight * 1.5);
  await rules.getByLabel('wrap').check();
  await expect.poll(async () => Math.max(...(await boxes(rules)).map((b) => b.bottom - b.top)), { message: 'a wrapped line is taller than one line' }).toBeGreaterThan(lineHeight * 1.5);
  const wrapped = await boxes(rules);
  for (let i = 1; i < wrapped.length; i++) {
    expect(wrapped[i]!.line).toBe(wrapped[i - 1]!.line + 1);
    expect(wrapped[i]!.top, `line ${wrapped[i]!.line} starts below line ${wrapped[i - 1]!.line}`).toBeGreaterThanOrEqual(wrapped[i - 1]!.bottom - 0.5);
  }

  // The keyboard: one Tab stop, ↓ and ↑ line by line, End to the last line (not rendered until then), Home to the first.
  // From the control just before the text (the last format tab; the table and wrap controls sit in the title row).
  await rules.getByRole('tab').last().focus();
  await page.keyboard.press('Tab');
  // Tab lands on a line in view (the Tab stop's own line, 0, is far above and not rendered).
  const start = await focusedLine(rules);
  expect(start).toBeGreaterThan(2500);
  await expect(rules.locator(`[data-line="${start}"]`)).toBeInViewport();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect.poll(() => focusedLine(rules)).toBe(start + 2);
  await page.keyboard.press('ArrowUp');
  await expect.poll(() => focusedLine(rules)).toBe(start + 1);
  await page.keyboard.press('End');
  await expect.poll(() => focusedLine(rules)).toBeGreaterThan(5000);
  const last = await focusedLine(rules);
  expect(await rules.locator(`[data-line="${last + 1}"]`).count()).toBe(0);
  await expect(rules.locator(`[data-line="${last}"]`)).toBeInViewport();
  await page.keyboard.press('ArrowUp');
  await expect.poll(() => focusedLine(rules)).toBe(last - 1);
  await page.keyboard.press('PageUp');
  await expect.poll(() => focusedLine(rules)).toBeLessThan(last - 2);
  await page.keyboard.press('Home');
  await expect.poll(() => focusedLine(rules)).toBe(0);
  await expect(rules.locator('[data-line="0"]')).toBeInViewport();
  // Still one line in the Tab order.
  await expect(rules.locator('[data-line][tabindex="0"]')).toHaveCount(1);
});
