/**
 * Issue 16's side-by-side view in the real browser: Compare modes for the packet of the pickers shows
 * three columns (iptables / nftables / IPVS) with the same endpoints and different mechanisms; a ping to
 * a ClusterIP shows the modes' different outcomes; the same in Korean without English outside code;
 * readable at 1280×720 (≥ 12 px) and in classroom mode (≥ 16 px). Screenshots at 1280×720 and 1920×1080,
 * English and Korean, go to the test's output folder.
 */
import type { Locator, Page } from '@playwright/test';
import { test, expect, openApp } from './fixtures';
import { englishOnPage } from './korean-text';
import { smallestText } from './text-size';

const ENDPOINTS = ['10.10.1.2:80', '10.10.2.2:80', '10.10.3.2:80'];

async function openCompare(page: Page, name = 'Compare modes'): Promise<Locator> {
  // The default scenario's pickers: net-pod → svc-clusterip:9000.
  await expect(page.getByRole('combobox', { name: 'To', exact: true })).toHaveValue(/svc-clusterip/);
  await page.getByRole('button', { name }).click();
  const dialog = page.getByRole('dialog', { name });
  await expect(dialog.locator('.cmp-columns')).toBeVisible();
  return dialog;
}

async function shoot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: test.info().outputPath(name) });
}

test('Compare modes for the default ClusterIP flow: three columns, the same endpoints, three mechanisms', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await openApp(page);
  const dialog = await openCompare(page);
  const iptables = dialog.getByRole('region', { name: 'iptables' });
  const nftables = dialog.getByRole('region', { name: 'nftables' });
  const ipvs = dialog.getByRole('region', { name: 'IPVS' });
  for (const column of [iptables, nftables, ipvs]) {
    const candidates = column.locator('[data-kind="endpoint-set"] dd');
    for (const e of ENDPOINTS) await expect(candidates).toContainText(e);
    // the same set everywhere: not marked as differing
    await expect(column.locator('[data-kind="endpoint-set"].is-different')).toHaveCount(0);
    await expect(column.locator('[data-kind="outcome"]')).toContainText('delivered to webpod');
  }
  // three structures chose
  await expect(iptables.locator('[data-kind="chooser"]')).toContainText(/statistic probability cascade in KUBE-SVC-\w+: rule \d of 3/);
  await expect(nftables.locator('[data-kind="chooser"]')).toContainText('numgen random mod 3');
  await expect(ipvs.locator('[data-kind="chooser"]')).toContainText('IPVS scheduler rr');
  await expect(dialog.locator('[data-kind="chooser"].is-different')).toHaveCount(3);
  // where the DNAT happens: nat PREROUTING, the nftables table's PREROUTING chain, IPVS at LOCAL_IN
  await expect(iptables.locator('[data-kind="dnat-site"]')).toContainText('PREROUTING nat KUBE-SEP-');
  await expect(nftables.locator('[data-kind="dnat-site"]')).toContainText('PREROUTING ip kube-proxy endpoint-');
  await expect(ipvs.locator('[data-kind="dnat-site"]')).toContainText('LOCAL_IN IPVS 10.200.1.100:9000');
  await expect(ipvs.locator('[data-kind="dnat-site"]')).toContainText('≠ differs');
  await expect(ipvs.locator('.cmp-path .is-decisive')).toContainText('INPUT');
  await expect(ipvs).toContainText('Deprecated since Kubernetes 1.35');
  // rules and lookups counted, the differences explained
  await expect(nftables.locator('[data-kind="work"]')).toContainText(/\d+ rules \+ \d+ map lookups/);
  const why = dialog.getByRole('region', { name: 'What differs, and why' });
  await expect(why.locator('[data-kind="dnat-site"]')).toContainText('kube-ipvs0 holds the Service IP');
  await expect(why.locator('[data-kind="chooser"]')).toContainText('draws numgen random mod 3 once');

  const smallest = (await smallestText(dialog))!;
  expect(smallest.measured).toBeGreaterThan(50);
  expect(smallest.size, `smallest text: "${smallest.text}"`).toBeGreaterThanOrEqual(12);
  await shoot(page, 'compare-en-1280x720.png');
  await page.setViewportSize({ width: 1920, height: 1080 });
  await shoot(page, 'compare-en-1920x1080.png');

  // Escape closes it and gives focus back to the button
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('button', { name: 'Compare modes' })).toBeFocused();
});

test('a ping to a ClusterIP: unanswered in iptables mode, rejected by nftables and IPVS mode', async ({ page }) => {
  await openApp(page);
  await page.getByRole('combobox', { name: 'Protocol', exact: true }).selectOption('icmp');
  const dialog = await openCompare(page);
  await expect(dialog.locator('.cmp-packet')).toContainText('(ping)');
  const outcome = (mode: string): Locator => dialog.getByRole('region', { name: mode }).locator('[data-kind="outcome"]');
  await expect(outcome('iptables')).toContainText('unanswered: nobody owns 10.200.1.100');
  await expect(outcome('iptables')).toContainText('≠ differs');
  await expect(outcome('nftables')).toContainText('rejected by ip kube-proxy cluster-ips-check');
  await expect(outcome('IPVS')).toContainText('rejected by filter KUBE-IPVS-FILTER');
  // nothing chose an endpoint in any mode
  await expect(dialog.locator('[data-kind="chooser"] dd')).toHaveText(['none', 'none', 'none']);
  const why = dialog.getByRole('region', { name: 'What differs, and why' });
  await expect(why.locator('[data-kind="outcome"]')).toContainText('a ClusterIP is only a match in the rules');
});

test('in Korean: the same columns and differences, no English outside code, 1280×720 and 1920×1080', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await openApp(page);
  await page.getByLabel('Language').selectOption('ko');
  const dialog = await openCompare(page, '모드 비교');
  await expect(dialog.getByRole('region', { name: 'IPVS' })).toContainText('쿠버네티스 1.35부터 더 이상 권장되지 않고');
  await expect(dialog.getByRole('region', { name: 'nftables' }).locator('[data-kind="chooser"]')).toContainText('판정 맵 조회 한 번');
  await expect(dialog.locator('.cmp-differs').first()).toContainText('≠ 다름');
  const why = dialog.getByRole('region', { name: '무엇이 왜 다른가' });
  await expect(why.locator('[data-kind="dnat-site"]')).toContainText('라우팅이 먼저 패킷을 노드 자신에게 보내기 때문입니다');
  expect(await englishOnPage(page)).toEqual([]);
  expect((await smallestText(dialog))!.size).toBeGreaterThanOrEqual(12);
  await shoot(page, 'compare-ko-1280x720.png');
  await page.setViewportSize({ width: 1920, height: 1080 });
  await shoot(page, 'compare-ko-1920x1080.png');
  await page.keyboard.press('Escape');

  // the ping, in Korean
  await page.getByRole('combobox', { name: 'Protocol', exact: true }).selectOption('icmp');
  const ping = await openCompare(page, '모드 비교');
  await expect(ping.getByRole('region', { name: 'iptables' }).locator('[data-kind="outcome"]')).toContainText('응답 없음');
  await expect(ping.getByRole('region', { name: '무엇이 왜 다른가' }).locator('[data-kind="outcome"]')).toContainText('cluster-ips-check');
  expect(await englishOnPage(page)).toEqual([]);
  await shoot(page, 'compare-ko-ping-1920x1080.png');
});

test('classroom mode: every text of Compare modes is at least 16 px', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await openApp(page);
  await page.getByRole('button', { name: 'Classroom' }).click();
  const dialog = await openCompare(page);
  const smallest = (await smallestText(dialog))!;
  expect(smallest.size, `smallest text: "${smallest.text}"`).toBeGreaterThanOrEqual(16);
  await shoot(page, 'compare-classroom-1280x720.png');
});
