/**
 * Issue 16's scale lab in the real browser: the sweep runs in the engine's worker with a progress bar and a
 * Cancel button, the chart draws one line per kube-proxy mode over 10 … 30,000 Services (the full range once),
 * iptables climbs while nftables and IPVS stay flat, the labels are readable (≥ 12 px, ≥ 16 px in classroom
 * mode), in Korean too.
 */
import type { Locator, Page } from '@playwright/test';
import { test, expect, openApp } from './fixtures';
import { smallestText } from './text-size';

async function openScaleLab(page: Page, name = 'Scale lab'): Promise<Locator> {
  await page.getByRole('button', { name, exact: true }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  return dialog;
}

/** The chart's y value of each mode's last point, as its end label prints it (`iptables 1,019`). */
async function endLabels(dialog: Locator): Promise<Record<string, string>> {
  const labels = await dialog.locator('.scale-series .scale-end-label').allTextContents();
  return Object.fromEntries(labels.map((l) => [l.split(' ')[0]!, l.split(' ').slice(1).join(' ')]));
}

test('the full range: 10 to 30,000 Services in three modes, iptables linear, nftables and IPVS flat', async ({ page }) => {
  test.setTimeout(240_000);
  await openApp(page);
  const dialog = await openScaleLab(page);
  await expect(dialog.getByLabel('Up to')).toHaveValue('30000');
  await dialog.getByRole('button', { name: 'Run the sweep' }).click();
  await expect(dialog.getByRole('progressbar', { name: 'Sweep progress' })).toBeVisible();
  await expect(dialog.getByRole('status')).toContainText('24 points measured', { timeout: 200_000 });
  const chart = dialog.getByRole('img', { name: /Rules and lookups per new connection/ });
  await expect(chart).toBeVisible();
  const series = chart.locator('.scale-series');
  await expect(series).toHaveCount(3);
  for (const mode of ['iptables', 'nftables', 'ipvs']) await expect(chart.locator(`.scale-series[data-mode="${mode}"]`)).toHaveAttribute('data-points', '8');
  // The x axis runs from 10 to 30,000 Services.
  const xTicks = chart.locator('.scale-x-tick');
  await expect(xTicks).toHaveText(['10', '30', '100', '300', '1,000', '3,000', '10,000', '30,000']);
  // The traced Service is last: iptables reads every other Service's rule first; the others read the same few.
  expect(await endLabels(dialog)).toEqual({ iptables: '30,019', nftables: '27', IPVS: '25' });
  const rows = dialog.locator('.scale-table tbody tr');
  await expect(rows).toHaveCount(24);
  const smallest = await smallestText(chart);
  expect(smallest?.size ?? 0, smallest?.text).toBeGreaterThanOrEqual(12);
  // The programming-work view: every mode writes more lines as the Services grow.
  await dialog.getByLabel('Programming work: lines written').check();
  await expect(dialog.getByRole('img', { name: /lines written/ })).toBeVisible();
  const lines = await endLabels(dialog);
  expect(Number(lines.iptables!.replace(/,/g, ''))).toBeGreaterThan(100_000);
});

test('progress and cancel: the sweep stops after the point in progress and keeps what it measured', async ({ page }) => {
  test.setTimeout(120_000);
  await openApp(page);
  const dialog = await openScaleLab(page);
  await dialog.getByRole('button', { name: 'Run the sweep' }).click();
  const progress = dialog.getByRole('progressbar', { name: 'Sweep progress' });
  await expect(progress).toBeVisible();
  await expect.poll(async () => Number(await progress.getAttribute('value')), { timeout: 60_000 }).toBeGreaterThanOrEqual(3);
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog.getByRole('status')).toContainText(/Cancelled after \d+ of 24 points\./, { timeout: 60_000 });
  const measured = Number((await dialog.getByRole('status').textContent())!.match(/after (\d+)/)![1]);
  expect(measured).toBeGreaterThanOrEqual(3);
  expect(measured).toBeLessThan(24);
  await expect(dialog.locator('.scale-table tbody tr')).toHaveCount(measured);
  // The worker is free again: a new, smaller sweep runs to the end.
  await dialog.getByLabel('Up to').selectOption('1000');
  await dialog.getByRole('button', { name: 'Run the sweep' }).click();
  await expect(dialog.getByRole('status')).toContainText('15 points measured', { timeout: 60_000 });
});

test('in Korean: 규모 실험 up to 1,000 Services, three lines with Korean labels', async ({ page }) => {
  test.setTimeout(120_000);
  await openApp(page);
  await page.getByLabel('Language').selectOption('ko');
  const dialog = await openScaleLab(page, '규모 실험');
  await expect(dialog.getByRole('heading', { level: 2 })).toHaveText('규모 실험: kube-proxy는 왜 바뀌었을까?');
  await dialog.getByLabel('최대').selectOption('1000');
  await dialog.getByRole('button', { name: '실험 실행' }).click();
  await expect(dialog.getByRole('status')).toContainText('15개 지점을', { timeout: 100_000 });
  const chart = dialog.getByRole('img', { name: /새 연결 하나당 규칙과 조회/ });
  await expect(chart.locator('.scale-series')).toHaveCount(3);
  await expect(chart).toContainText('클러스터의 서비스 수 (로그 눈금)');
  expect(await endLabels(dialog)).toEqual({ iptables: '1,019', nftables: '27', IPVS: '25' });
  await expect(dialog.getByRole('region', { name: '모델 지연: 측정값이 아니라 모델입니다' })).toContainText('NFTables mode for kube-proxy');
  const smallest = await smallestText(chart);
  expect(smallest?.size ?? 0, smallest?.text).toBeGreaterThanOrEqual(12);
});

test('classroom mode: the chart’s labels are at least 16 px', async ({ page }) => {
  test.setTimeout(120_000);
  await openApp(page);
  await page.getByRole('button', { name: 'Classroom' }).click();
  const dialog = await openScaleLab(page);
  await dialog.getByLabel('Up to').selectOption('1000');
  await dialog.getByRole('button', { name: 'Run the sweep' }).click();
  await expect(dialog.getByRole('status')).toContainText('15 points measured', { timeout: 100_000 });
  const smallest = await smallestText(dialog.getByRole('img', { name: /Rules and lookups/ }));
  expect(smallest?.measured ?? 0).toBeGreaterThan(10);
  expect(smallest?.size ?? 0, smallest?.text).toBeGreaterThanOrEqual(16);
});
