import type { Locator, Page } from '@playwright/test';
import { test, expect, openApp } from './fixtures';

const strip = (page: Page): Locator => page.getByRole('region', { name: 'Netfilter hooks' }).getByTestId('cluster-strip');
const nodePicker = (page: Page): Locator => page.getByLabel('Node', { exact: true });
/** The stop (or link) the packet is at, in the strip. */
const here = (page: Page): Locator => strip(page).locator('[aria-current="step"]');

test('before any packet the strip lists the cluster\'s nodes with role and address; a chip picks the node', async ({ page, net }) => {
  await openApp(page);
  const nodes = page.getByRole('group', { name: 'Cluster nodes' });
  await expect(nodes.getByRole('button')).toHaveText([
    /myk8s-control-plane\s*control-plane · 172\.18\.0\.2/,
    /myk8s-worker\s*worker · 172\.18\.0\.3/,
    /myk8s-worker2\s*worker · 172\.18\.0\.4/,
    /myk8s-worker3\s*worker · 172\.18\.0\.5/,
  ]);
  await expect(nodes.getByRole('button', { name: /myk8s-worker\s/ })).toHaveAttribute('aria-pressed', 'true');
  await nodes.getByRole('button', { name: /myk8s-control-plane/ }).click();
  await expect(nodePicker(page)).toHaveValue('myk8s-control-plane');
  await expect(nodes.getByRole('button', { name: /myk8s-control-plane/ })).toHaveAttribute('aria-pressed', 'true');
  // The panels follow the picker: the control-plane's own pod network in its rules.
  await expect(page.getByRole('region', { name: 'Rules' }).getByRole('tabpanel')).toContainText('KUBE-SVC-KBDEBIL6IU6WL7RF');
  expect(net.consoleErrors).toEqual([]);
});

test('a sent packet: the strip shows client → node → eth0 → node → pod and follows it hop by hop', async ({ page }) => {
  await openApp(page);
  await page.getByLabel('From', { exact: true }).selectOption('net-pod');
  await page.getByLabel('To', { exact: true }).selectOption('svc-clusterip.default:9000');
  await page.getByRole('button', { name: 'Send packet', exact: true }).click();
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  await page.evaluate(() => window.__kplClock?.step(-10_000));

  const path = page.getByRole('group', { name: 'Cluster path' });
  await expect(path).toBeVisible();
  await expect(path).toContainText('SYN');
  const stops = path.locator('.cs-chip');
  await expect(stops).toHaveCount(4);
  await expect(stops.nth(0)).toContainText('net-pod');
  await expect(stops.nth(0)).toContainText('10.10.0.4');
  await expect(stops.nth(1)).toContainText('myk8s-control-plane');
  const endpointNode = ((await stops.nth(2).locator('.cs-name').innerText()).match(/myk8s-worker\d?/) ?? [''])[0];
  expect(endpointNode).toMatch(/^myk8s-worker\d?$/);
  await expect(stops.nth(3)).toContainText(/webpod\d/);
  await expect(path.locator('.cs-link').nth(1)).toContainText('eth0');

  // Playback starts at the client; the next steps are on the client's node.
  await expect(here(page)).toHaveText(/net-pod/);
  const step = page.getByRole('button', { name: 'Step', exact: true });
  await step.click();
  await expect(here(page)).toHaveText(/myk8s-control-plane/);
  await expect(nodePicker(page)).toHaveValue('myk8s-control-plane');

  // Step on: the packet crosses the wire (the link is current), then is on the endpoint's node.
  for (let i = 0; i < 120 && !(await path.locator('.cs-link[aria-current="step"]').count()); i++) await step.click();
  await expect(path.locator('.cs-link[aria-current="step"]')).toContainText('eth0');
  await step.click();
  await expect(here(page)).toHaveText(new RegExp(endpointNode));
  await expect(nodePicker(page)).toHaveValue(endpointNode);

  // A chip picks a node while paused: the picker (and the rules) show it until the next step.
  await path.getByRole('button', { name: /myk8s-control-plane/ }).click();
  await expect(nodePicker(page)).toHaveValue('myk8s-control-plane');

  // The reply packet runs the other way.
  for (let i = 0; i < 200 && !/SYN-ACK/.test(await path.locator('.cs-packet').innerText()); i++) await step.click();
  await expect(path.locator('.cs-packet')).toContainText('← SYN-ACK');
  await expect(stops.first()).toContainText(/webpod\d/);
  await expect(stops.last()).toContainText('net-pod');
});
