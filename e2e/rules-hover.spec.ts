import type { Locator, Page } from '@playwright/test';
import { test, expect, openApp } from './fixtures';

const SVC = 'KUBE-SVC-KBDEBIL6IU6WL7RF';

/** The rules panel's line that starts with `prefix` and holds `text`. */
function ruleLine(page: Page, prefix: string, text: string): Locator {
  return page
    .getByRole('region', { name: 'Rules' })
    .locator('.rules-line')
    .filter({ hasText: text })
    .filter({ hasText: new RegExp(`^${prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`) })
    .first();
}

/** Moves the mouse onto `part` inside a line (the middle of its third character), as a user points at it. */
async function pointAt(page: Page, line: Locator, part: string): Promise<void> {
  await line.scrollIntoViewIfNeeded();
  const box = await line.evaluate((el, p) => {
    const text = el.firstChild as Text;
    const at = text.data.indexOf(p);
    if (at < 0) throw new Error(`${p} is not in ${text.data}`);
    const r = document.createRange();
    r.setStart(text, at + 2);
    r.setEnd(text, at + 3);
    const b = r.getBoundingClientRect();
    return { x: b.left + b.width / 2, y: b.top + b.height / 2 };
  }, part);
  await page.mouse.move(box.x - 40, box.y);
  await page.mouse.move(box.x, box.y, { steps: 4 });
}

async function wrapLines(page: Page): Promise<void> {
  // Wrapped, a whole rule is on screen: every option can be pointed at without scrolling sideways.
  await page.getByRole('region', { name: 'Rules' }).getByLabel('wrap').check();
}

test('hovering a KUBE-SVC rule explains it, underlines its options and the one under the pointer', async ({ page, net }) => {
  await openApp(page);
  await wrapLines(page);
  const line = ruleLine(page, `-A ${SVC} `, '--probability 0.33333333349');
  await pointAt(page, line, '--probability');

  const tip = page.getByRole('tooltip');
  await expect(tip).toBeVisible();
  await expect(tip).toContainText('Picks endpoint 10.10.1.2:80 with probability 1/3');
  await expect(tip.locator('li.is-active')).toContainText('--probability 0.33333333349');
  await expect(tip.locator('li.is-active')).toContainText('statistic: matches 1 in 3 of the packets that reach this rule');
  await expect(tip).toContainText('YAML lines 70–72');
  // The line is described by the tooltip; its options are underlined with the CSS highlight API.
  await expect(line).toHaveAttribute('aria-describedby', (await tip.getAttribute('id'))!);
  const underlined = await page.evaluate(() => [CSS.highlights.get('kpl-rule-part')?.size ?? 0, CSS.highlights.get('kpl-rule-part-active')?.size ?? 0]);
  expect(underlined[1]).toBe(1);
  expect(underlined[0]).toBeGreaterThanOrEqual(5);

  // Another option of another rule: the negated source match, in words.
  await pointAt(page, ruleLine(page, `-A ${SVC} `, '! -s 10.10.0.0/16'), '! -s 10.10.0.0/16');
  await expect(tip.locator('li.is-active')).toContainText('NOT (!): source address outside 10.10.0.0/16');
  await expect(tip).toContainText('is marked for SNAT');

  // Esc hides it without moving the pointer; leaving the panel hides it too.
  await page.keyboard.press('Escape');
  await expect(tip).toBeHidden();
  await expect.poll(() => page.evaluate(() => CSS.highlights.get('kpl-rule-part')?.size ?? 0)).toBe(0);
  await pointAt(page, ruleLine(page, `-A ${SVC} `, '--probability 0.50000000000'), '--probability');
  await expect(tip).toContainText('matches 1 in 2');
  await page.getByRole('region', { name: 'Packet' }).hover();
  await expect(tip).toBeHidden();
  expect(net.consoleErrors).toEqual([]);
});

test('iptables-save and -L lines are explained too (--set-xmark; a -L row shows the rule as -S prints it)', async ({ page }) => {
  await openApp(page);
  await wrapLines(page);
  const rules = page.getByRole('region', { name: 'Rules' });
  await rules.getByRole('tab', { name: 'iptables-save' }).click();
  await pointAt(page, ruleLine(page, '-A KUBE-MARK-MASQ ', '--set-xmark 0x4000/0x4000'), '--set-xmark');
  const tip = page.getByRole('tooltip');
  await expect(tip.locator('li.is-active')).toContainText('MARK: new mark = (mark AND NOT 0x4000) XOR 0x4000');
  await expect(tip).toContainText('masquerade mark');

  await rules.getByRole('tab', { name: 'iptables -L -n -v' }).click();
  await expect(tip).toBeHidden();
  await pointAt(page, ruleLine(page, ' ', 'probability 0.33333333349'), 'probability');
  await expect(tip).toContainText(`-A ${SVC} -m comment --comment "default/svc-clusterip:svc-webport -> 10.10.1.2:80" -m statistic --mode random --probability 0.33333333349`);
  await expect(tip).toContainText('statistic: matches 1 in 3');
});

test('keyboard: the rules are one Tab stop, ↑ ↓ move between lines and the focused rule is explained', async ({ page }) => {
  await openApp(page);
  const rules = page.getByRole('region', { name: 'Rules' });
  // The control just before the text: the last format tab (the table and wrap controls sit in the title row above).
  await rules.getByRole('tab').last().focus();
  await page.keyboard.press('Tab');
  const first = rules.locator('.rules-line').first();
  await expect(first).toBeFocused();
  await expect(page.getByRole('tooltip')).toBeHidden();

  const target = await rules.locator('.rules-line').evaluateAll((els, svc) => els.findIndex((e) => e.textContent?.startsWith(`-A ${svc} `) && e.textContent.includes('--probability 0.33333333349')), SVC);
  expect(target).toBeGreaterThan(0);
  for (let i = 0; i < target; i++) await page.keyboard.press('ArrowDown');
  const focused = rules.locator('.rules-line').nth(target);
  await expect(focused).toBeFocused();
  const tip = page.getByRole('tooltip');
  await expect(tip).toContainText('Picks endpoint 10.10.1.2:80');
  await expect(tip).toContainText('statistic: matches 1 in 3');
  await expect(focused).toHaveAttribute('aria-describedby', (await tip.getAttribute('id'))!);
  // Only the focused line is in the Tab order.
  await expect(rules.locator('.rules-line[tabindex="0"]')).toHaveCount(1);

  await page.keyboard.press('Escape');
  await expect(tip).toBeHidden();
  await expect(focused).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(tip).toContainText('matches 1 in 2');
  // Tab leaves the rules in one step, and the tooltip goes with it.
  await page.keyboard.press('Tab');
  await expect(tip).toBeHidden();
  await page.keyboard.press('Shift+Tab');
  await expect(rules.locator('.rules-line').nth(target + 1)).toBeFocused();
});

test('the editor lights the YAML behind the hovered rule, without moving the cursor', async ({ page }) => {
  await openApp(page);
  await wrapLines(page);
  const editor = page.getByRole('region', { name: 'Scenario editor' }).locator('.monaco-editor');
  await expect(editor.locator('.kpl-source-line')).toHaveCount(0);

  await pointAt(page, ruleLine(page, `-A ${SVC} `, '! -s 10.10.0.0/16'), '-d');
  await expect(page.getByRole('tooltip')).toContainText('YAML lines 66–72');
  // The Service's spec (lines 66–72, off screen at first) is scrolled into view and marked line by line.
  await expect(editor.locator('.kpl-source-line').first()).toBeVisible();
  await expect(editor.locator('.kpl-source-glyph').first()).toBeVisible();
  const marked = await editor.evaluate((root) => {
    const tops = new Set([...root.querySelectorAll('.view-overlays .kpl-source-line')].map((d) => (d.parentElement as HTMLElement).style.top));
    return [...root.querySelectorAll<HTMLElement>('.view-lines .view-line')].filter((l) => tops.has(l.style.top)).map((l) => l.textContent?.replace(/\u00a0/g, ' ').trim());
  });
  expect(marked).toEqual(expect.arrayContaining(['type: ClusterIP', 'port: 9000', 'targetPort: 80']));
  expect(marked).not.toContain('kind: Service');

  await page.getByRole('region', { name: 'Packet' }).hover();
  await expect(editor.locator('.kpl-source-line')).toHaveCount(0);
  // The cursor is where it was (line 1, column 1): focusing the editor without a click and typing proves it.
  await page.getByRole('textbox', { name: 'Scenario YAML' }).focus();
  await page.keyboard.type('#');
  await expect(editor.locator('.view-lines')).toContainText(/##\sThe\sclassic\sstudy\ssetup/);
});

test('axe: no serious or critical violation while a rule tooltip is up', async ({ page }) => {
  const AxeBuilder = (await import('@axe-core/playwright')).default;
  await openApp(page);
  await wrapLines(page);
  await pointAt(page, ruleLine(page, `-A ${SVC} `, '--probability 0.33333333349'), '--probability');
  await expect(page.getByRole('tooltip')).toBeVisible();
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).exclude('.monaco-editor').analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
});
