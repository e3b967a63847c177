/**
 * Issues 17 and 18 together: an imported node survives a restart of the engine's worker. The worker keeps
 * the imported dump; a fresh one is given it again (the page keeps the dump's text) before it answers any
 * question about the node, so searches, the graph and traces work as before, and nothing the user did is
 * lost: the scenario, the imported node, which of the two the regions show.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect, openApp } from './fixtures';

const dump = (name: string): string => readFileSync(join(import.meta.dirname, '../test-vectors/dumps', name), 'utf8');
const region = (page: Page, name: string) => page.getByRole('region', { name, exact: true });

/** Kills the engine's worker once no call is out (then the watchdog's ping finds it, within 5 s). */
async function killEngineWhenIdle(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const t = (window as unknown as { __kplTest: { closeEngineWorker(): void; engineIdle(): boolean } }).__kplTest;
    // Idle for 300 ms: a call made just after the kill would be found by its own deadline (10 s or more), not the ping.
    for (let quiet = 0; quiet < 6; quiet = t.engineIdle() ? quiet + 1 : 0) await new Promise((r) => setTimeout(r, 50));
    t.closeEngineWorker();
  });
}

test('an imported node survives a restart of the engine: search, graph and trace work again, with the notice', async ({ page }) => {
  await openApp(page);
  await page.getByRole('button', { name: 'Import node rules' }).click();
  await page.getByLabel('Open file…').setInputFiles({ name: 'eks.txt', mimeType: 'text/plain', buffer: Buffer.from(dump('eks-node-L.txt')) });
  await expect(page.getByRole('status').first()).toContainText('lines read');
  await page.getByRole('dialog').getByRole('button', { name: 'Close', exact: true }).click();
  const banner = page.getByRole('region', { name: 'Show the imported node' });
  await expect(banner).toContainText('ip-10-56-128-40');
  const rules = region(page, 'Rules');
  const search = rules.getByLabel('Search the rules');
  const hits = rules.locator('.import-lines .is-hit');
  await search.fill('172.30.191.111');
  await expect(hits.first()).toBeVisible();
  const serviceHits = await hits.count();

  await killEngineWhenIdle(page);
  await expect(page.getByTestId('engine-restarted')).toContainText('The engine restarted after', { timeout: 5000 });
  // Nothing is lost: the regions still show the imported node, with the search as it was.
  await expect(banner).toContainText('ip-10-56-128-40');
  await expect(search).toHaveValue('172.30.191.111');
  // A new search is answered by the new worker, from the dump read into it again.
  await search.fill('KUBE-SVC-MRW7XFPFSYA2VFWG');
  await expect(hits.first()).toBeVisible();
  await search.fill('172.30.191.111');
  await expect(hits).toHaveCount(serviceHits);
  // The graph of one Service, cut from the dump by the new worker.
  const graph = region(page, 'Chain graph');
  await graph.getByLabel('Service', { exact: true }).selectOption('test/svc-nginx');
  await expect(graph.getByRole('button', { name: /KUBE-SVC-MRW7XFPFSYA2VFWG/ }).first()).toBeVisible();
  // The scenario is there too, as it was; and the imported node again from the header.
  await page.getByRole('button', { name: '← Back to the scenario' }).click();
  await expect(rules).toContainText('KUBE-SERVICES');
  await expect(page.getByTestId('outline-summary')).toContainText('✓');
  await page.getByRole('button', { name: 'Show the imported node' }).click();
  await expect(banner).toContainText('ip-10-56-128-40');
  // A trace through the node.
  const packet = region(page, 'Packet');
  await packet.getByLabel('Destination IP:port').fill('172.30.191.111:80');
  await packet.getByRole('button', { name: 'Trace', exact: true }).click();
  await expect(packet).toContainText('delivered → 10.56.');
  await expect(packet).toContainText('#142 PREROUTING nat KUBE-SERVICES → KUBE-SVC-MRW7XFPFSYA2VFWG');
});

test('in Korean: the imported node survives a restart of the engine, the notice in Korean', async ({ page }) => {
  await openApp(page);
  await page.getByLabel('Language').selectOption('ko');
  await page.getByRole('button', { name: '노드 규칙 가져오기' }).click();
  await page.getByLabel('파일 열기…').setInputFiles({ name: 'eks.txt', mimeType: 'text/plain', buffer: Buffer.from(dump('eks-node-L.txt')) });
  await page.getByRole('dialog').getByRole('button', { name: '닫기', exact: true }).click();
  const banner = page.getByRole('region', { name: '가져온 노드 보기' });
  await expect(banner).toContainText('ip-10-56-128-40');
  const rules = region(page, 'Rules');
  await rules.getByLabel('규칙 검색').fill('172.30.191.111');
  await expect(rules.locator('.import-lines .is-hit').first()).toBeVisible();
  await killEngineWhenIdle(page);
  await expect(page.getByTestId('engine-restarted')).toContainText('엔진이 응답을 멈춰서 다시 시작했습니다', { timeout: 5000 });
  await expect(banner).toContainText('ip-10-56-128-40');
  await rules.getByLabel('규칙 검색').fill('KUBE-SVC-MRW7XFPFSYA2VFWG');
  await expect(rules.locator('.import-lines .is-hit').first()).toBeVisible();
});
