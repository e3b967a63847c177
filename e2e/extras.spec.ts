import { test, expect, openApp, replaceEditorText } from './fixtures';
import type { Locator, Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

/** "1,234" → 1234; "33.3%" → 33.3. */
const num = (text: string): number => Number(text.replace(/[,%\s]/g, ''));

test.describe('theme', () => {
  test('the Theme setting switches data-theme and the palette, and survives a reload', async ({ page, net }) => {
    await openApp(page);
    const html = page.locator('html');
    const theme = page.getByLabel('Theme', { exact: true });
    await expect(theme).toHaveValue('system');
    const panelBackground = () => page.getByRole('region', { name: 'Rules' }).evaluate((el) => getComputedStyle(el).backgroundColor);

    await theme.selectOption('dark');
    await expect(html).toHaveAttribute('data-theme', 'dark');
    expect(await panelBackground()).toBe('rgb(23, 27, 34)');
    expect(await page.evaluate(() => localStorage.getItem('kpl.theme'))).toBe('dark');

    await page.reload();
    await expect(page.getByTestId('engine-info')).toBeVisible();
    await expect(html).toHaveAttribute('data-theme', 'dark');
    await expect(page.getByLabel('Theme', { exact: true })).toHaveValue('dark');

    await page.getByLabel('Theme', { exact: true }).selectOption('light');
    await expect(html).toHaveAttribute('data-theme', 'light');
    expect(await panelBackground()).toBe('rgb(255, 255, 255)');
    expect(net.consoleErrors).toEqual([]);
  });

  test('System follows the operating system, also when it changes', async ({ page }) => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await openApp(page);
    const html = page.locator('html');
    await expect(html).toHaveAttribute('data-theme', 'dark');
    await page.emulateMedia({ colorScheme: 'light' });
    await expect(html).toHaveAttribute('data-theme', 'light');
    // A pinned theme ignores the system.
    await page.getByLabel('Theme', { exact: true }).selectOption('dark');
    await page.emulateMedia({ colorScheme: 'light' });
    await expect(html).toHaveAttribute('data-theme', 'dark');
  });
});

test.describe('keyboard shortcuts', () => {
  test('the dialog opens with its button and with ?, keeps Tab inside, closes with Esc and gives focus back', async ({ page, net }) => {
    await openApp(page);
    const button = page.getByRole('button', { name: 'Keyboard shortcuts' });
    const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await expect(dialog).toBeHidden();

    await button.click();
    await expect(dialog).toBeVisible();
    // Read from the top: the title has the focus and is on screen (at 1280×720 the list is taller than the dialog).
    await expect(dialog.getByRole('heading', { name: 'Keyboard shortcuts' })).toBeFocused();
    await expect(dialog.getByRole('heading', { name: 'Keyboard shortcuts' })).toBeInViewport();
    await expect(dialog).toContainText('Space');
    await expect(dialog).toContainText('Tab order');
    for (let i = 0; i < 3; i++) {
      await page.keyboard.press('Tab');
      expect(await dialog.evaluate((d) => d.contains(document.activeElement))).toBe(true);
    }
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(button).toBeFocused();

    const other = page.getByRole('region', { name: 'Spread' }).getByRole('button', { name: '1,000', exact: true });
    await other.focus();
    await page.keyboard.press('?');
    await expect(dialog).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(other).toBeFocused();
    expect(net.consoleErrors).toEqual([]);
  });

  test('? typed in the editor stays in the editor; the dialog speaks Korean', async ({ page }) => {
    await openApp(page);
    const editor = page.getByRole('region', { name: 'Scenario editor' }).locator('.monaco-editor');
    await editor.click();
    await page.keyboard.press('?');
    await expect(page.getByRole('dialog')).toBeHidden();

    await page.getByLabel('Language').selectOption('ko');
    await page.getByRole('button', { name: 'Keyboard shortcuts' }).click();
    await expect(page.getByRole('dialog', { name: '키보드 단축키' })).toBeVisible();
    // Scoped to the dialog: the offline notice (UpdatePrompt) has a 닫기 (Dismiss) button of its own.
    await page.getByRole('dialog', { name: '키보드 단축키' }).getByRole('button', { name: '닫기' }).click();
    await expect(page.getByRole('dialog')).toBeHidden();
  });
});

test.describe('spread', () => {
  async function setUpSpread(page: Page, connections: string): Promise<Locator> {
    await openApp(page);
    const spread = page.getByRole('region', { name: 'Spread' });
    await spread.getByLabel('Spread from').selectOption('net-pod');
    await spread.getByLabel('Spread to').selectOption('svc-clusterip.default:9000');
    await spread.getByRole('button', { name: connections, exact: true }).click();
    return spread;
  }

  async function runSpread(page: Page, connections: string): Promise<Locator> {
    const spread = await setUpSpread(page, connections);
    await spread.getByRole('button', { name: 'Run spread' }).click();
    return spread;
  }

  test('1,000 connections from net-pod to svc-clusterip: three bars summing to 1,000, each near a third', async ({ page, net }) => {
    const spread = await runSpread(page, '1,000');
    await expect(spread.getByRole('status')).toContainText('1,000 connections reached 3 endpoints');
    const bars = spread.getByTestId('spread-bar');
    await expect(bars).toHaveCount(3);
    await expect(bars.locator('th')).toHaveText(['webpod1', 'webpod2', 'webpod3']);
    const counts = (await bars.getByTestId('spread-count').allInnerTexts()).map(num);
    const shares = (await bars.getByTestId('spread-share').allInnerTexts()).map(num);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(1000);
    for (const s of shares) {
      expect(s).toBeGreaterThanOrEqual(25);
      expect(s).toBeLessThanOrEqual(42);
    }
    await expect(spread.getByTestId('spread-even-share')).toContainText('even share (1/3) = 33.3%');
    await expect(spread.getByTestId('spread-failure')).toHaveCount(0);
    await expect(spread.getByRole('progressbar', { name: 'Spread progress' })).toBeHidden();
    expect(net.consoleErrors).toEqual([]);
  });

  test('Cancel stops a 10,000 spread; the partial count is shown', async ({ page, net }) => {
    const spread = await setUpSpread(page, '10,000');
    const progress = spread.getByRole('progressbar', { name: 'Spread progress' });
    // The worker runs 10,000 connections in a few hundred milliseconds, often less than a Playwright click
    // on Cancel takes; so Cancel is pressed in the page the moment it appears (the cancel then reaches the
    // worker before its first slice of 250 ends), and the run can never finish first.
    await page.evaluate(
      () =>
        new Promise<void>((resolve) => {
          const region = document.querySelector('[aria-label="Spread"]')!;
          const button = (name: string) => [...region.querySelectorAll('button')].find((b) => b.textContent?.trim() === name);
          const watch = new MutationObserver(() => {
            const cancel = button('Cancel');
            if (!cancel) return;
            watch.disconnect();
            cancel.click();
            resolve();
          });
          watch.observe(region, { childList: true, subtree: true });
          button('Run spread')!.click();
        }),
    );
    const status = spread.getByRole('status');
    await expect(status).toContainText(/Cancelled after [\d,]+ of 10,000 connections/);
    await expect(progress).toBeHidden();
    const done = num(/after ([\d,]+) of/.exec(await status.innerText())![1]!);
    expect(done).toBeGreaterThan(0);
    expect(done).toBeLessThan(10_000);
    await expect(spread.getByTestId('spread-bar').first()).toBeVisible();
    const counts = (await spread.getByTestId('spread-bar').getByTestId('spread-count').allInnerTexts()).map(num);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(done);
    expect(net.consoleErrors).toEqual([]);
  });

  test('a Service without endpoints: no bars, the failures listed by outcome, in Korean too', async ({ page }) => {
    await openApp(page);
    await replaceEditorText(
      page,
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: client\nspec:\n  containers:\n  - name: c\n    image: busybox\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: lonely\nspec:\n  selector:\n    app: nobody\n  ports:\n  - port: 80\n',
    );
    const spread = page.getByRole('region', { name: 'Spread' });
    // The pickers follow the new cluster: its own pod and Service.
    await expect(spread.getByLabel('Spread from')).toHaveValue('client');
    await expect(spread.getByLabel('Spread to')).toHaveValue('lonely.default:80');
    await spread.getByRole('button', { name: '100', exact: true }).click();
    await spread.getByRole('button', { name: 'Run spread' }).click();
    await expect(spread.getByRole('status')).toContainText('100 connections reached 0 endpoints');
    await expect(spread.getByTestId('spread-bar')).toHaveCount(0);
    await expect(spread).toContainText('No connection reached an endpoint.');
    const failure = spread.getByTestId('spread-failure');
    await expect(failure).toHaveCount(1);
    await expect(failure).toHaveAttribute('data-outcome', 'rejected');
    await expect(failure).toContainText('rejected (REJECT answered): 100 (100.0%)');
    await page.getByLabel('Language').selectOption('ko');
    await expect(failure).toContainText('거부됨 (REJECT 응답): 100 (100.0%)');
    await expect(spread.getByRole('heading', { name: '분산' })).toBeVisible();
  });
});

test('axe: the spread results, the dark theme and the open dialog have no serious or critical violation', async ({ page }) => {
  await openApp(page);
  const axe = async () => {
    const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).exclude('.monaco-editor').analyze();
    return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  };
  const spread = page.getByRole('region', { name: 'Spread' });
  await spread.getByRole('button', { name: '100', exact: true }).click();
  await spread.getByRole('button', { name: 'Run spread' }).click();
  await expect(spread.getByTestId('spread-bar').first()).toBeVisible();
  await expect(spread.getByRole('status')).toContainText('100 connections');
  for (const theme of ['light', 'dark']) {
    await page.getByLabel('Theme', { exact: true }).selectOption(theme);
    expect(await axe(), theme).toEqual([]);
  }
  await page.getByRole('button', { name: 'Keyboard shortcuts' }).click();
  await expect(page.getByRole('dialog')).toBeVisible();
  expect(await axe(), 'dialog').toEqual([]);
});
