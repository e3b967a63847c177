import { test, expect } from './fixtures';

/** IPVS mode's deprecation note above the Rules panel: there in IPVS mode (both languages), absent otherwise. */
test('an IPVS lesson shows the deprecation note above the rules, in English and Korean', async ({ page, net }) => {
  await page.goto('/#lesson=20-ipvs-clusterip');
  await expect(page.getByTestId('engine-info')).toBeVisible();
  const rules = page.getByRole('region', { name: 'Rules' });
  const note = rules.getByRole('note');
  await expect(note).toContainText('IPVS mode is deprecated since Kubernetes 1.35 and planned for removal');
  await expect(rules).toContainText('# ipvsadm -Ln');
  await page.getByLabel('Language').selectOption('ko');
  await expect(rules.getByRole('note')).toContainText('IPVS 모드는 Kubernetes 1.35부터 폐기 예정(deprecated)이며');
  expect(net.consoleErrors).toEqual([]);
});

test('an iptables-mode lesson has no such note', async ({ page }) => {
  await page.goto('/#lesson=01-clusterip');
  await expect(page.getByTestId('engine-info')).toBeVisible();
  const rules = page.getByRole('region', { name: 'Rules' });
  await expect(rules).toContainText('KUBE-SERVICES');
  await expect(rules.getByRole('note')).toHaveCount(0);
});
