import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';

/**
 * The narration says what the rule means, from the engine's meaning of it (issue 12): an
 * externalTrafficPolicy Local Service reached on a node without a local endpoint is DROPped because it
 * has no *local* endpoints here — it has endpoints elsewhere — in English and in Korean.
 */
async function openLesson(page: Page, id: string): Promise<void> {
  await page.goto(`/#lesson=${id}`);
  await expect(page.getByTestId('engine-info')).toBeVisible();
  await expect(page.getByLabel('Scenario', { exact: true })).toHaveValue(id);
}

test('an eTP Local Service on a node without a local endpoint: "no local endpoints on this node", in English and Korean', async ({ page, net }) => {
  await openLesson(page, '06-external-traffic-local');
  // The pickers start on the lesson's first connection (from outside); send to the control-plane's node port, where no webpod runs.
  await expect(page.getByLabel('From', { exact: true })).toHaveValue('external');
  await page.getByLabel('To', { exact: true }).selectOption('myk8s-control-plane:30081');
  await page.getByRole('button', { name: 'Send packet', exact: true }).click();
  await expect(page.getByTestId('packet-panel')).toBeVisible();
  await page.getByRole('button', { name: 'Pause', exact: true }).click();

  // The SYN is the only packet; its last hop is the filter rule that drops it.
  const timeline = page.getByLabel('Timeline', { exact: true });
  await timeline.fill((await timeline.getAttribute('max')) ?? '0');
  const narration = page.getByRole('status', { name: 'Narration' });
  await expect(narration).toContainText('KUBE-EXTERNAL-SERVICES: svc-local has no local endpoints on this node, DROP');
  await expect(narration).not.toContainText('has no endpoints');

  await page.getByLabel('Language').selectOption('ko');
  await expect(narration).toContainText('svc-local: 이 노드에 로컬 엔드포인트가 없음, DROP');
  expect(net.consoleErrors).toEqual([]);
});

test('a Service with no endpoints at all still says "has no endpoints" (lesson 10: REJECT)', async ({ page, net }) => {
  await openLesson(page, '10-no-endpoints');
  await expect(page.getByLabel('From', { exact: true })).toHaveValue('net-pod');
  await page.getByRole('button', { name: 'Send packet', exact: true }).click();
  await expect(page.getByTestId('packet-panel')).toBeVisible();
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  const narration = page.getByRole('status', { name: 'Narration' });
  // The REJECT is the SYN's last rule hop; the ICMP error it answers with follows as a packet of its own.
  const step = page.getByRole('button', { name: 'Step', exact: true });
  for (let i = 0; i < 60 && !/REJECT/.test(await narration.innerText()); i++) await step.click();
  await expect(narration).toContainText('svc-empty has no endpoints, REJECT');
  await page.getByLabel('Language').selectOption('ko');
  await expect(narration).toContainText('svc-empty에 엔드포인트가 없음, REJECT');
  expect(net.consoleErrors).toEqual([]);
});
