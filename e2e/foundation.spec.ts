import { test, expect, openApp, replaceEditorText } from './fixtures';
import AxeBuilder from '@axe-core/playwright';

const REGIONS = ['Scenario editor', 'Netfilter hooks', 'Chain graph', 'Packet', 'Conntrack', 'Rules'];

test('the page loads with every region and no console error', async ({ page, net }) => {
  await openApp(page);
  await expect(page).toHaveTitle('Kube Packet Lab');
  for (const name of REGIONS) await expect(page.getByRole('region', { name })).toBeVisible();
  await expect(page.getByLabel('Scenario', { exact: true })).toBeVisible();
  await expect(page.getByLabel('Language')).toBeVisible();
  expect(net.consoleErrors).toEqual([]);
});

test('the engine worker answers: version and the scenario outline', async ({ page, net }) => {
  await openApp(page);
  await expect(page.getByTestId('engine-info')).toContainText(/engine \d+\.\d+\.\d+/);
  await expect(page.getByTestId('outline-summary')).toContainText('Service/svc-clusterip');
  await expect(page.getByTestId('outline-summary')).toContainText('Pod/webpod1');
  expect(net.consoleErrors).toEqual([]);
});

test('the editor shows a schema diagnostic for a bad field, net', async ({ page, net }) => {
  await openApp(page);
  const editor = page.getByRole('region', { name: 'Scenario editor' }).locator('.monaco-editor');
  await expect(editor.locator('.squiggly-error, .squiggly-warning')).toHaveCount(0);
  // Replace the whole text with a Service that has a misspelt field.
  await replaceEditorText(page, 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  portz:\n  - port: 80\n');
  await expect(editor.locator('.squiggly-error, .squiggly-warning').first()).toBeVisible({ timeout: 20_000 });
  // F8 (go to next problem) opens the problem's message, as a keyboard user would read it.
  // Both the schema (monaco-yaml) and the engine (apiserver wording) report it; step through the problems.
  const widget = page.locator('.marker-widget');
  const messages: string[] = [];
  for (let i = 0; i < 4; i++) {
    await page.keyboard.press('F8');
    await expect(widget).toBeVisible();
    messages.push(await widget.innerText());
  }
  expect(messages.join('\n')).toMatch(/portz/);
  expect(net.consoleErrors).toEqual([]);
});

test('a broken YAML is reported at line:col and the text survives a reload', async ({ page }) => {
  await openApp(page);
  const editor = page.getByRole('region', { name: 'Scenario editor' }).locator('.monaco-editor');
  await replaceEditorText(page, 'apiVersion: v1\nkind: Service\nmetadata:\n  name: [web\n');
  await expect(page.getByTestId('outline-summary')).toContainText(/YAML errors: \d+:\d+/);
  await page.reload();
  await expect(editor.locator('.view-lines')).toContainText('name: [web');
});

test('switching the language to Korean changes the UI text', async ({ page }) => {
  await openApp(page);
  await page.getByLabel('Language').selectOption('ko');
  await expect(page.getByRole('region', { name: 'Chain graph' }).getByRole('heading')).toHaveText('체인 그래프');
  await expect(page.locator('html')).toHaveAttribute('lang', 'ko');
});

test('axe: no serious or critical WCAG 2.1 A/AA violation outside Monaco', async ({ page }) => {
  await openApp(page);
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .exclude('.monaco-editor')
    .analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
});
