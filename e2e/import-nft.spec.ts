/**
 * Issue 17, `nft list ruleset` in the real browser: an iptables-nft node's ruleset (its `table ip nat` read back
 * into iptables rules, the `xt match` it cannot show reported) and a dual-stack ruleset with `ip6` and `inet`
 * tables (the ip6 table drawn but never entered by the IPv4 packet). Real outputs: test-vectors/iptables-nft/.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect, openApp } from './fixtures';

const vector = (name: string): Buffer => readFileSync(join(import.meta.dirname, '../test-vectors/iptables-nft', name));
const region = (page: Page, name: string) => page.getByRole('region', { name, exact: true });

async function importFile(page: Page, name: string): Promise<void> {
  await page.getByRole('button', { name: 'Import node rules' }).click();
  await expect(page.getByRole('dialog')).toBeVisible();
  await page.getByLabel('Open file…').setInputFiles({ name, mimeType: 'text/plain', buffer: vector(name) });
  await expect(page.getByRole('status').first()).toContainText('lines read');
}

async function trace(page: Page, src: string, dst: string): Promise<void> {
  const packet = region(page, 'Packet');
  await packet.getByLabel('Source IP[:port]').fill(src);
  await packet.getByLabel('Destination IP:port').fill(dst);
  await packet.getByLabel('Node IP').fill('192.168.0.2');
  await packet.getByRole('button', { name: 'Trace', exact: true }).click();
}

test('an iptables-nft node\'s nft list ruleset: read back as iptables tables, xt matches reported, traced to the endpoint', async ({ page }) => {
  await openApp(page);
  await importFile(page, 'k8s-overall.nft-list-ruleset.txt');
  await expect(page.getByRole('status').first()).toContainText(/lines read: 79 rules in 33 chains/);
  await expect(page.locator('.import-issues')).toContainText('xt match recent');
  await page.getByRole('dialog').getByRole('button', { name: 'Close', exact: true }).click();
  const graph = region(page, 'Chain graph');
  await expect(graph.getByLabel('Table')).toHaveValue('nat');
  // `meta random & 2147483647 < 1073741824` listed as the iptables rule it is
  const rules = region(page, 'Rules');
  await rules.getByLabel('Search the rules').fill('probability');
  await expect(rules.locator('.import-lines .is-hit').first()).toContainText('-A KUBE-SVC-4SW47YFZTEDKD3PK -m statistic --mode random --probability 0.50000000000 -j KUBE-SEP-UKSFD7AGPMPPLUHC');
  await trace(page, '10.0.3.7', '172.30.0.41:80');
  await expect(region(page, 'Packet')).toContainText('delivered → 10.180.0.1:80');
  await expect(region(page, 'Packet')).toContainText('PREROUTING nat KUBE-SERVICES → KUBE-SVC-XPGD46QRK7WJZT7O');
});

test('a dual-stack nft ruleset: the ip6 and inet tables are drawn, the IPv4 packet passes the ip6 table by', async ({ page }) => {
  await openApp(page);
  await importFile(page, 'dual-stack.nft-list-ruleset.txt');
  await expect(page.locator('.import-issues')).toContainText('holds IPv6 addresses');
  await page.getByRole('dialog').getByRole('button', { name: 'Close', exact: true }).click();
  const graph = region(page, 'Chain graph');
  const table = graph.getByLabel('Table');
  await expect(table.locator('option')).toContainText(['ip kube-proxy', 'ip6 kube-proxy', 'inet host-firewall']);
  await table.selectOption('ip6 kube-proxy');
  await expect(graph.getByRole('button', { name: 'service-XPO2GOLH-ns1/svc6/tcp/p80' })).toBeVisible();
  await trace(page, '10.1.2.3', '192.168.0.2:10250');
  const packet = region(page, 'Packet');
  await expect(packet).toContainText('INPUT inet host-firewall input');
  await expect(packet).not.toContainText('ip6 kube-proxy');
});
