/**
 * Closed ports and pings from the pickers (issue 14): a typed NODE:PORT nothing listens on is refused with a
 * RST by the node's own stack, a ping to a ClusterIP is never answered, and the same in Korean.
 */
import type { Page } from '@playwright/test';
import { test, expect, openApp } from './fixtures';
import { describedStepShown } from './described-step';

/** Clicks Step until the packet's fate reads `re` (the fate shows once a packet has ended). */
async function stepUntilFate(page: Page, re: RegExp, max = 120): Promise<void> {
  const fate = page.getByRole('region', { name: 'Packet' }).getByTestId('packet-fate');
  const step = page.getByRole('button', { name: 'Step', exact: true });
  for (let i = 0; i < max; i++) {
    await describedStepShown(page);
    if (re.test((await fate.allInnerTexts()).join('\n'))) return;
    await step.click();
  }
  await expect(fate).toContainText(re);
}

async function pause(page: Page, name: string): Promise<void> {
  const button = page.getByRole('button', { name, exact: true });
  if (await button.isVisible()) await button.click();
}

test('a typed NODE:PORT nothing listens on: the SYN is refused and the node answers with a RST', async ({ page, net }) => {
  await openApp(page);
  await page.getByLabel('From', { exact: true }).selectOption('external');
  await page.getByLabel('Other destination').fill('myk8s-worker:31999');
  await page.getByRole('button', { name: 'Use', exact: true }).click();
  await expect(page.getByLabel('To', { exact: true })).toHaveValue('myk8s-worker:31999');
  await expect(page.getByLabel('To', { exact: true }).locator('optgroup[label="Typed by you"] option')).toHaveText('myk8s-worker:31999');
  await expect(page.getByLabel('Protocol', { exact: true })).toHaveValue('tcp');
  await page.getByRole('button', { name: 'Send packet', exact: true }).click();
  await expect(page.getByTestId('packet-panel')).toBeVisible();
  await pause(page, 'Pause');
  await stepUntilFate(page, /refused by a process on myk8s-worker: nothing listens on 172\.18\.0\.3:31999\/tcp, so its stack answers with RST/);
  await stepUntilFate(page, /The RST was delivered to the outside client 203\.0\.113\.10/);
  await expect(page.getByRole('region', { name: 'Packet' }).getByTestId('packet-outcome')).toContainText(/rejected/i);
  expect(net.consoleErrors).toEqual([]);
});

test('ping a ClusterIP: the echo request matches no rule, leaves by the default route and is never answered', async ({ page, net }) => {
  await openApp(page);
  await page.getByLabel('From', { exact: true }).selectOption('net-pod');
  await page.getByLabel('To', { exact: true }).selectOption('svc-clusterip.default:9000');
  await page.getByLabel('Protocol', { exact: true }).selectOption('icmp');
  await page.getByRole('button', { name: 'Send packet', exact: true }).click();
  await expect(page.getByTestId('packet-panel')).toBeVisible();
  await pause(page, 'Pause');
  await stepUntilFate(page, /The echo request is never answered: nobody owns 10\.200\.1\.100 \(a ClusterIP is only a match in kube-proxy's rules/);
  await expect(page.getByRole('region', { name: 'Conntrack' })).toContainText(/icmp\s+1 \d+ src=10\.10\.0\.4 dst=10\.200\.1\.100 type=8 code=0 id=\d+ \[UNREPLIED\]/);
  // A pod's address without a port can only be pinged: typing it picks icmp.
  await page.getByLabel('Other destination').fill('10.10.2.2');
  await page.getByRole('button', { name: 'Use', exact: true }).click();
  await expect(page.getByLabel('Protocol', { exact: true })).toHaveValue('icmp');
  await page.getByRole('button', { name: 'Send packet', exact: true }).click();
  await pause(page, 'Pause');
  await stepUntilFate(page, /The echo reply was delivered to net-pod/);
  expect(net.consoleErrors).toEqual([]);
});

test('in Korean: the typed destination, the refusal and the ping are said in Korean', async ({ page, net }) => {
  await openApp(page);
  await page.getByLabel('Language').selectOption('ko');
  await page.getByLabel('From', { exact: true }).selectOption('net-pod');
  await page.getByLabel('다른 목적지').fill('172.18.0.3:31999');
  await page.getByRole('button', { name: '적용', exact: true }).click();
  await expect(page.getByLabel('To', { exact: true }).locator('optgroup[label="직접 입력"] option')).toHaveText('172.18.0.3:31999');
  await page.getByLabel('Protocol', { exact: true }).selectOption('udp');
  await page.getByRole('button', { name: 'Send packet', exact: true }).click();
  await expect(page.getByTestId('packet-panel')).toBeVisible();
  await pause(page, 'Pause');
  await stepUntilFate(page, /172\.18\.0\.3:31999\/udp에서 듣고 있는 소켓이 없어 커널이 ICMP 포트 도달 불가로 응답합니다/);
  await page.getByLabel('Protocol', { exact: true }).selectOption('icmp');
  await page.getByLabel('To', { exact: true }).selectOption('svc-clusterip.default:9000');
  await page.getByLabel('Protocol', { exact: true }).selectOption('icmp');
  await page.getByRole('button', { name: 'Send packet', exact: true }).click();
  await pause(page, 'Pause');
  await stepUntilFate(page, /echo 요청은 응답을 받지 못합니다\. 10\.200\.1\.100을 가진 호스트가 없어/);
  expect(net.consoleErrors).toEqual([]);
});
