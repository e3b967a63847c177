import { test, expect, openApp, replaceEditorText } from './fixtures';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const defaultScenario = readFileSync(join(import.meta.dirname, '../src/scenarios/default.yaml'), 'utf8');

test('the default scenario shows its KUBE-* chains and the node\'s rules', async ({ page, net }) => {
  await openApp(page);
  const graph = page.getByRole('region', { name: 'Chain graph' });
  await expect(graph.getByRole('button', { name: 'KUBE-SVC-KBDEBIL6IU6WL7RF' })).toBeVisible();
  await expect(graph.getByRole('button', { name: 'KUBE-SERVICES' })).toBeVisible();
  const rules = page.getByRole('region', { name: 'Rules' });
  await expect(rules.getByRole('tabpanel')).toContainText('-A KUBE-SVC-KBDEBIL6IU6WL7RF -m comment --comment "default/svc-clusterip:svc-webport -> 10.10.1.2:80" -m statistic --mode random --probability 0.33333333349');
  await rules.getByRole('tab', { name: 'iptables -L -n -v' }).click();
  await expect(rules.getByRole('tabpanel')).toContainText('statistic mode random probability 0.33333333349');
  expect(net.consoleErrors).toEqual([]);
});

test('editing the Service port changes the rules; broken YAML keeps the last valid rules with a notice', async ({ page }) => {
  await openApp(page);
  const rules = page.getByRole('region', { name: 'Rules' }).getByRole('tabpanel');
  await expect(rules).toContainText('--dport 9000');
  await replaceEditorText(page, defaultScenario.replace('port: 9000', 'port: 9090'));
  await expect(rules).toContainText('--dport 9090');
  await replaceEditorText(page, defaultScenario.replace('port: 9000', 'port: 0'));
  await expect(page.getByTestId('last-valid-notice')).toContainText(/Showing the last valid version\. \d+:\d+ spec\.ports\[0\]\.port: Invalid value: 0: must be between 1 and 65535, inclusive/);
  await expect(rules).toContainText('--dport 9090');
  await expect(page.locator('.monaco-editor .squiggly-error').first()).toBeVisible();
  // A reload keeps both: the user's broken text in the editor and the last valid rules beside it.
  await page.reload();
  await expect(page.getByTestId('last-valid-notice')).toContainText(/Showing the last valid version\. \d+:\d+ spec\.ports\[0\]\.port: Invalid value: 0/);
  await expect(rules).toContainText('--dport 9090');
  await expect(page.getByRole('region', { name: 'Chain graph' }).getByRole('button', { name: /^KUBE-SVC-/ }).first()).toBeVisible();
});

test('another node and the filter table show their own rules', async ({ page }) => {
  await openApp(page);
  await page.getByLabel('Node', { exact: true }).selectOption('myk8s-control-plane');
  await expect(page.getByRole('region', { name: 'Rules' }).getByRole('tabpanel')).toContainText('KUBE-SVC-KBDEBIL6IU6WL7RF');
  await page.getByRole('region', { name: 'Rules' }).getByLabel('Table', { exact: true }).selectOption('filter');
  await expect(page.getByRole('region', { name: 'Rules' }).getByRole('tabpanel')).toContainText('-A KUBE-FIREWALL');
});
