import type { Locator, Page } from '@playwright/test';
import { test, expect, openApp } from './fixtures';
import { describedStepShown } from './described-step';

/** What a user adds to a scenario to run kube-proxy in nftables mode. */
const NFTABLES_MODE = '\n---\napiVersion: kubeproxy.config.k8s.io/v1alpha1\nkind: KubeProxyConfiguration\nmode: nftables\n';

/** Appends text at the end of the editor, the way a user pastes a document under the others. */
async function appendToEditor(page: Page, text: string): Promise<void> {
  const editor = page.getByRole('region', { name: 'Scenario editor' }).locator('.monaco-editor');
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.evaluate((t) => navigator.clipboard.writeText(t), text);
  await editor.click();
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.press('ControlOrMeta+V');
}

async function switchToNftables(page: Page): Promise<void> {
  await appendToEditor(page, NFTABLES_MODE);
  // The rules panel prints what nftables mode puts on the node.
  await expect(page.getByRole('region', { name: 'Rules' }).getByRole('tabpanel')).toContainText('table ip kube-proxy', { timeout: 20_000 });
}

/** Clicks `step` until `done` holds, at most `max` times. */
async function stepUntil(page: Page, step: Locator, done: () => Promise<boolean>, max = 80): Promise<void> {
  for (let i = 0; i < max; i++) {
    await describedStepShown(page);
    if (await done()) return;
    await step.click();
  }
  await describedStepShown(page);
  expect(await done(), await page.getByRole('region', { name: 'Packet' }).innerText()).toBe(true);
}

const has = (loc: Locator, re: RegExp) => async (): Promise<boolean> => re.test((await loc.allInnerTexts()).join('\n'));

test('nftables mode: a packet to svc-clusterip meets one lookup in @service-ips, then numgen, then the DNAT', async ({ page, net }) => {
  await openApp(page);
  await switchToNftables(page);
  await page.getByLabel('From', { exact: true }).selectOption('net-pod');
  await page.getByLabel('To', { exact: true }).selectOption('svc-clusterip.default:9000');
  await page.getByRole('button', { name: 'Send packet', exact: true }).click();
  await expect(page.getByTestId('packet-panel')).toBeVisible();
  await page.getByRole('button', { name: 'Pause', exact: true }).click();

  const packet = page.getByRole('region', { name: 'Packet' });
  const narration = page.getByRole('status', { name: 'Narration' });
  const step = page.getByRole('button', { name: 'Step', exact: true });
  const lookup = packet.getByTestId('map-lookup');
  await stepUntil(page, step, has(lookup, /@service-ips/));
  // The lookup is a hop of its own: the map, the key the packet made, the element's verdict.
  await expect(lookup).toContainText('10.200.1.100 . tcp . 9000');
  await expect(lookup).toContainText(/goto service-[A-Z2-7]{8}-default\/svc-clusterip\/tcp\/svc-webport/);
  await expect(packet.getByTestId('packet-effect')).toContainText('map lookup →');
  await expect(packet.getByTestId('packet-location')).toContainText('ip kube-proxy');
  await expect(narration).toContainText("one lookup in @service-ips for 10.200.1.100 . tcp . 9000 (svc-clusterip:svc-webport's cluster IP and port) finds goto service-");
  // The hook diagram lights kube-proxy's nat base chain; the chain graph, the map's node.
  await expect(page.getByRole('region', { name: 'Netfilter hooks' }).locator('.stage.is-current')).toContainText('nat-prerouting');
  await expect(page.getByRole('region', { name: 'Chain graph' }).locator('.chain-node.is-current')).toContainText('@service-ips');

  // numgen picks the endpoint in one more lookup, then the endpoint chain DNATs.
  await stepUntil(page, step, has(lookup, /\{ … \}/));
  await expect(narration).toContainText(/numgen drew \d; one lookup in the rule’s map sends it to goto endpoint-/);
  await stepUntil(page, step, has(packet.getByTestId('packet-effect'), /dnat to/));
  await expect(packet).toContainText(/dst 10\.200\.1\.100:9000 → 10\.10\.\d\.2:80/);
  await expect(narration).toContainText(/DNAT: destination 10\.200\.1\.100:9000 → 10\.10\.\d\.2:80/);
  await expect(page.getByRole('region', { name: 'Chain graph' }).locator('.chain-node.is-current')).toContainText(/endpoint-[A-Z2-7]{8}-default\/svc-clusterip/);

  await stepUntil(page, step, has(packet.getByTestId('packet-fate'), /delivered to webpod\d/));
  expect(net.consoleErrors).toEqual([]);
});

test('nftables mode in Korean: the map lookup and the DNAT in Korean words; hovering a rule of nft list ruleset explains it', async ({ page, net }) => {
  await openApp(page);
  await page.getByLabel('Language').selectOption('ko');
  await switchToNftables(page);
  // The accessible names stay English (DESIGN §5); the buttons read in Korean.
  const send = page.getByRole('button', { name: 'Send packet', exact: true });
  await expect(send).toHaveText('패킷 보내기');
  await send.click();
  await expect(page.getByTestId('packet-panel')).toBeVisible();
  await page.getByRole('button', { name: 'Pause', exact: true }).click();

  const packet = page.getByRole('region', { name: 'Packet' });
  const narration = page.getByRole('status', { name: 'Narration' });
  const step = page.getByRole('button', { name: 'Step', exact: true });
  const lookup = packet.getByTestId('map-lookup');
  await stepUntil(page, step, has(lookup, /@service-ips/));
  await expect(lookup).toContainText('키');
  await expect(packet.getByTestId('packet-effect')).toContainText('맵 조회 →');
  await expect(narration).toContainText('맵 @service-ips에서 키 10.200.1.100 . tcp . 9000 (svc-clusterip:svc-webport의 cluster IP와 포트) 조회 한 번으로 goto service-');
  await stepUntil(page, step, has(packet.getByTestId('packet-effect'), /dnat to/));
  await expect(narration).toContainText(/DNAT: 목적지 10\.200\.1\.100:9000 → 10\.10\.\d\.2:80/);

  // The rules panel: `nft list ruleset`, its lines explained on hover, in Korean.
  const rules = page.getByRole('region', { name: 'Rules' });
  const line = rules.locator('.rules-line').filter({ hasText: 'th dport vmap @service-ips' }).first();
  await line.scrollIntoViewIfNeeded();
  const box = await line.evaluate((el) => {
    const text = el.firstChild as Text;
    const at = text.data.indexOf('vmap');
    const r = document.createRange();
    r.setStart(text, at + 1);
    r.setEnd(text, at + 2);
    const b = r.getBoundingClientRect();
    return { x: b.left + b.width / 2, y: b.top + b.height / 2 };
  });
  await page.mouse.move(box.x - 40, box.y);
  await page.mouse.move(box.x, box.y, { steps: 4 });
  const tip = page.getByRole('tooltip');
  await expect(tip).toBeVisible();
  await expect(tip).toContainText('nftables 모드의 핵심: 목적지 . 프로토콜 . 포트를 @service-ips에서 한 번 조회');
  await expect(tip.locator('li.is-active')).toContainText('판정 맵 @service-ips에서 찾습니다');
  expect(net.consoleErrors).toEqual([]);
});
