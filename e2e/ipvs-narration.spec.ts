import type { Locator, Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { describedStepShown } from './described-step';

/**
 * IPVS mode's narration from its own rule roles (issue 16 with issue 12's structured facts): lesson 21's
 * ping is rejected by KUBE-IPVS-FILTER because the ClusterIP is on kube-ipvs0 and no Service listens for
 * ICMP; lesson 20's SYN is DNATed by the virtual server at LOCAL_IN, whose scheduler picks the real server.
 */
async function openLesson(page: Page, id: string): Promise<Locator> {
  await page.goto(`/#lesson=${id}`);
  await expect(page.getByTestId('engine-info')).toBeVisible();
  await expect(page.getByLabel('Scenario', { exact: true })).toHaveValue(id);
  await page.getByRole('button', { name: 'Send packet', exact: true }).click();
  await expect(page.getByTestId('packet-panel')).toBeVisible();
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  return page.getByRole('status', { name: 'Narration' });
}

/** Moves the timeline forward from where it is to the first step whose narration matches (deterministic whatever the playback did meanwhile). */
async function stepUntil(page: Page, narration: Locator, pattern: RegExp): Promise<void> {
  const timeline = page.getByLabel('Timeline', { exact: true });
  const max = Number((await timeline.getAttribute('max')) ?? '0');
  for (let i = Number(await timeline.inputValue()); i <= max; i++) {
    await timeline.fill(String(i));
    await expect(timeline).toHaveValue(String(i));
    await describedStepShown(page);
    if (pattern.test(await narration.innerText())) return;
  }
}

test('lesson 21: the ping to a ClusterIP is rejected by KUBE-IPVS-FILTER, and the narration says why, in English and Korean', async ({ page, net }) => {
  const narration = await openLesson(page, '21-ipvs-ping');
  await stepUntil(page, narration, /REJECT/);
  await expect(narration).toContainText('10.200.1.100 is on kube-ipvs0 (in KUBE-IPVS-IPS) but no Service listens there for ICMP, and this is a new connection, REJECT');
  await page.getByLabel('Language').selectOption('ko');
  await expect(narration).toContainText('10.200.1.100은 kube-ipvs0의 주소(KUBE-IPVS-IPS)지만 ICMP에는 서비스가 없고, 새 연결임, REJECT');
  expect(net.consoleErrors).toEqual([]);
});

test('lesson 20: the KUBE-CLUSTER-IP ACCEPT and the virtual server at LOCAL_IN are narrated from IPVS facts', async ({ page, net }) => {
  const narration = await openLesson(page, '20-ipvs-clusterip');
  await stepUntil(page, narration, /ACCEPT: the packet passes nat PREROUTING/);
  await expect(narration).toContainText('10.200.1.100:9000 is svc-clusterip\'s ClusterIP (in KUBE-CLUSTER-IP)');
  await stepUntil(page, narration, /IPVS at LOCAL_IN/);
  await expect(narration).toContainText('virtual server TCP 10.200.1.100:9000 (svc-clusterip) has 3 real servers');
  await expect(narration).toContainText('(round robin) picks');
  await page.getByLabel('Language').selectOption('ko');
  await expect(narration).toContainText('LOCAL_IN의 IPVS: 가상 서버 TCP 10.200.1.100:9000(svc-clusterip)의 실제 서버 3개 중 라운드 로빈 스케줄러');
  expect(net.consoleErrors).toEqual([]);
});
