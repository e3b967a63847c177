/**
 * Issue 17 in the real browser: a node's own rules imported by paste and by file (iptables and nft), a broken
 * line reported with its number, the imported node in the page's own Chain graph, Rules and Packet regions
 * (and the way back), the diff against the scenario, lesson 19, in Korean too. The 100,000-line dump (a progress bar
 * and no long task on the page over 200 ms) is in e2e/timing/responsive.spec.ts, measured in the timing phase.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect, openApp, replaceEditorText } from './fixtures';

const dump = (name: string): string => readFileSync(join(import.meta.dirname, '../test-vectors/dumps', name), 'utf8');

async function openImport(page: Page, name = 'Import node rules'): Promise<void> {
  await page.getByRole('button', { name }).click();
  await expect(page.getByRole('dialog')).toBeVisible();
}

/** Closes the dialog: the page's own regions show the imported node. */
async function closeImport(page: Page, name = 'Close'): Promise<void> {
  await page.getByRole('dialog').getByRole('button', { name, exact: true }).click();
  await expect(page.getByRole('dialog')).toBeHidden();
}

const region = (page: Page, name: string) => page.getByRole('region', { name, exact: true });

test('import by paste: a broken line is reported with its number, the rest imports and is searchable in the Rules region', async ({ page }) => {
  await openApp(page);
  await openImport(page);
  await expect(page.getByRole('note')).toContainText('Nothing leaves the browser');
  const text = ['*nat', ':PREROUTING ACCEPT [0:0]', ':KUBE-SERVICES - [0:0]', '-A PREROUTING -j KUBE-SERVICES', '-A KUBE-SERVICES -p tcp --dport nope -j ACCEPT', '-A KUBE-SERVICES -d 10.96.0.10/32 -p udp -m udp --dport 53 -j RETURN', 'COMMIT'].join('\n');
  await page.getByRole('textbox', { name: 'Node rules' }).fill(text);
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByRole('status').first()).toContainText('7 lines read: 2 rules');
  await expect(page.locator('.import-issues')).toContainText('line 5:');
  await page.getByRole('button', { name: 'Show it in the lab →' }).click();
  await expect(page.getByRole('dialog')).toBeHidden();
  const rules = region(page, 'Rules');
  await rules.getByLabel('Search the rules').fill('10.96.0.10');
  await expect(rules.locator('.import-lines .is-hit')).toHaveCount(1);
  // the way back: the scenario's own rules, and the imported node again from the header
  await page.getByRole('button', { name: '← Back to the scenario' }).click();
  await expect(rules.getByLabel('Search the rules')).toHaveCount(0);
  await expect(rules).toContainText('KUBE-SERVICES');
  await page.getByRole('button', { name: 'Show the imported node' }).click();
  await expect(rules.locator('.import-lines')).toContainText('-A KUBE-SERVICES -d 10.96.0.10/32');
});

test('import by file: the EKS node from the notes in the page\'s regions — owners, graph, a trace in the Packet panel — and the diff', async ({ page }) => {
  await openApp(page);
  await replaceEditorText(page, readFileSync(join(import.meta.dirname, '../test-vectors/dumps/eks-svc-nginx.scenario.yaml'), 'utf8'));
  await openImport(page);
  await page.getByLabel('Open file…').setInputFiles({ name: 'eks.txt', mimeType: 'text/plain', buffer: Buffer.from(dump('eks-node-L.txt')) });
  await expect(page.getByRole('status').first()).toContainText('lines read');
  await closeImport(page);
  await expect(page.getByRole('region', { name: 'Show the imported node' })).toContainText('ip-10-56-128-40');
  // the same chain graph view as for a generated node, with the owners legend
  const graph = region(page, 'Chain graph');
  await expect(graph.getByLabel('Table')).toHaveValue('nat');
  await graph.getByText('Chains by owner').click();
  const legend = graph.getByRole('region', { name: 'Chains by owner' });
  await expect(legend).toContainText('AWS VPC CNI');
  await expect(legend).toContainText('AWS-SNAT-CHAIN-0 (empty, nothing jumps to it)');
  await graph.getByLabel('Service', { exact: true }).selectOption('test/svc-nginx');
  await expect(graph.getByRole('button', { name: /KUBE-SVC-MRW7XFPFSYA2VFWG/ }).first()).toBeVisible();
  // a packet through the imported node, in the Packet region; the Rules region marks its rules
  const packet = region(page, 'Packet');
  await packet.getByLabel('Destination IP:port').fill('172.30.191.111:80');
  await packet.getByRole('button', { name: 'Trace', exact: true }).click();
  await expect(packet).toContainText('delivered → 10.56.');
  await expect(packet).toContainText('#142 PREROUTING nat KUBE-SERVICES → KUBE-SVC-MRW7XFPFSYA2VFWG');
  await expect(region(page, 'Rules').locator('.import-lines .is-current').first()).toBeVisible();
  // back to the scenario with the trace on screen (its unmount once threw), then the imported node again
  await page.getByRole('button', { name: '← Back to the scenario' }).click();
  await expect(region(page, 'Rules')).toContainText('KUBE-SERVICES');
  await page.getByRole('button', { name: 'Show the imported node' }).click();
  await expect(page.getByRole('region', { name: 'Show the imported node' })).toContainText('ip-10-56-128-40');
  // the diff, from the dialog opened again (it keeps the report)
  await openImport(page);
  await page.getByRole('button', { name: 'Compare with the scenario' }).click();
  const diff = page.getByRole('region', { name: 'Compare with the scenario' });
  await expect(diff).toContainText('your node has 1 KUBE-SEP chain for test/svc-nginx that no endpoint explains: stale endpoints?');
  await expect(diff).toContainText('no protocol turns "test/svc-nginx" into KUBE-SVC-MRW7XFPFSYA2VFWG');
});

test('an nft list ruleset dump: kube-proxy\'s nft table drawn, listed and traced, map lookups as hops', async ({ page }) => {
  await openApp(page);
  await openImport(page);
  await page.getByLabel('Example').selectOption('nft');
  await expect(page.getByRole('status').first()).toContainText(/lines read: 57 rules in 32 chains/);
  await closeImport(page);
  const graph = region(page, 'Chain graph');
  await expect(graph.getByLabel('Table')).toHaveValue('ip kube-proxy');
  await graph.getByLabel('Service', { exact: true }).selectOption('ns4/svc4');
  await expect(graph.getByRole('button', { name: 'service-LAUZTJTB-ns4/svc4/tcp/p80' })).toBeVisible();
  await expect(region(page, 'Rules').locator('.import-lines')).toContainText('table ip kube-proxy {');
  const packet = region(page, 'Packet');
  await packet.getByLabel('Source IP[:port]').fill('10.0.3.7');
  await packet.getByLabel('Destination IP:port').fill('172.30.0.44:80');
  await packet.getByLabel('Node IP').fill('192.168.0.2');
  await packet.getByRole('button', { name: 'Trace', exact: true }).click();
  await expect(packet).toContainText(/delivered → 10\.180\.0\.[45]:80/);
  await expect(packet).toContainText('#138 PREROUTING ip kube-proxy services lookup service-ips: 172.30.0.44 . tcp . 80 → goto service-LAUZTJTB-ns4/svc4/tcp/p80');
});

test('in Korean: the kind example, its cut lines, the imported node in the regions, and the diff', async ({ page }) => {
  await openApp(page);
  await page.getByLabel('Language').selectOption('ko');
  await openImport(page, '노드 규칙 가져오기');
  await expect(page.getByRole('note')).toContainText('아무것도 브라우저 밖으로 나가지 않습니다');
  await page.getByLabel('예제').selectOption('kind');
  await expect(page.locator('.import-issues')).toContainText('17번째 줄');
  await page.getByRole('button', { name: '시나리오와 비교' }).click();
  await expect(page.getByRole('region', { name: '시나리오와 비교' })).toContainText('노드에만 있음: YAML에는 그런 서비스가 없습니다');
  // the guide "Read your own node", step 4: the trace (in the page's Packet region) stops where the paste was cut
  await page.getByText('📘 내 노드 읽기').click();
  await page.getByRole('button', { name: '보여 주세요' }).nth(3).click();
  await expect(page.getByRole('dialog')).toBeHidden();
  await expect(page.getByRole('region', { name: '이 노드로 패킷 추적' })).toContainText('덤프가 잘려 더 따라갈 수 없음');
  await expect(page.getByRole('button', { name: '← 시나리오로 돌아가기' })).toBeVisible();
  await page.getByText('주인별 체인').click();
  await expect(page.getByRole('region', { name: '주인별 체인' })).toContainText('kindnet');
});

test('the lesson "Read your own node" is in the Scenario picker and imports its node into the page', async ({ page }) => {
  await openApp(page);
  await page.getByLabel('Scenario', { exact: true }).selectOption('19-read-your-own-node');
  const lesson = page.getByRole('region', { name: 'Lesson' });
  await expect(lesson).toContainText('Read your own node');
  await lesson.getByRole('button', { name: 'Import the lesson’s node' }).click();
  await expect(page.getByRole('region', { name: 'Show the imported node' })).toContainText('myk8s-worker');
  await region(page, 'Rules').getByLabel('Search the rules').fill('10.200.1.201');
  await expect(region(page, 'Rules').locator('.import-lines .is-hit')).toHaveCount(2);
});

