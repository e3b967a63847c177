import type { Locator, Page } from '@playwright/test';
import { test, expect, openApp } from './fixtures';
import { describedStepShown } from './described-step';

declare global {
  interface Window {
    /** The app's playback clock (src/app/packet/clock.ts), exposed so tests can hold it still. */
    __kplClock?: { pause(): void; step(n: number): void; isPlaying(): boolean };
  }
}

/**
 * Clicks Step until `done` holds, at most `max` times, reading the Packet region only once it shows the step
 * the timeline is on; fails with what the Packet region shows if it never does.
 */
async function stepUntil(page: Page, done: () => Promise<boolean>, max = 80): Promise<void> {
  const step = page.getByRole('button', { name: 'Step', exact: true });
  for (let i = 0; i < max; i++) {
    await describedStepShown(page);
    if (await done()) return;
    await step.click();
  }
  await describedStepShown(page);
  expect(await done(), await page.getByRole('region', { name: 'Packet' }).innerText()).toBe(true);
}

const has = (loc: Locator, re: RegExp) => async (): Promise<boolean> => re.test((await loc.allInnerTexts()).join('\n'));

async function sendFromNetPod(page: Page): Promise<void> {
  await page.getByLabel('From', { exact: true }).selectOption('net-pod');
  await page.getByLabel('To', { exact: true }).selectOption('svc-clusterip.default:9000');
  await page.getByRole('button', { name: 'Send packet', exact: true }).click();
  await expect(page.getByTestId('packet-panel')).toBeVisible();
}

test('a packet to svc-clusterip: DNAT in the header, delivery, a conntrack entry and -L counters', async ({ page, net }) => {
  await openApp(page);
  await sendFromNetPod(page);
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  expect(await page.evaluate(() => window.__kplClock?.isPlaying())).toBe(false);
  // Playback ran from the send until Pause landed (one to eight steps, more on a loaded machine): the
  // search for the DNAT starts from the connection's first step, wherever that left it.
  const timeline = page.getByLabel('Timeline', { exact: true });
  await timeline.fill('0');
  await expect(timeline).toHaveValue('0');

  const packet = page.getByRole('region', { name: 'Packet' });
  await stepUntil(page, has(packet.getByTestId('packet-effect'), /DNAT/));
  await expect(packet).toContainText(/dst 10\.200\.1\.100:9000 → 10\.10\.\d\.2:80/);
  const rows = packet.getByRole('table', { name: 'Packet header' }).getByRole('row');
  await expect(rows.nth(1)).toContainText('10.200.1.100');
  await expect(rows.nth(1)).toContainText('9000');
  await expect(rows.nth(2)).toContainText(/10\.10\.\d\.2/);
  await expect(rows.nth(2)).toContainText('(DNAT)');
  await expect(page.getByRole('status', { name: 'Narration' })).toContainText(/DNAT: destination 10\.200\.1\.100:9000 → 10\.10\.\d\.2:80/);
  // The hook diagram lights nat in PREROUTING; the rules panel marks the DNAT rule itself.
  await expect(page.getByRole('region', { name: 'Netfilter hooks' }).locator('.stage.is-current')).toHaveText('nat (DNAT)');
  await expect(page.getByRole('region', { name: 'Rules' }).locator('.rules-line.is-current')).toContainText(/-j DNAT --to-destination 10\.10\.\d\.2:80/);
  await expect(page.getByRole('region', { name: 'Chain graph' }).locator('.chain-node.is-current')).toContainText(/KUBE-SEP-/);

  await stepUntil(page, has(packet.getByTestId('packet-fate'), /delivered to webpod\d/));
  // The SYN's own delivery, not a later packet's (the ACK, the request and the FIN are delivered to webpod too).
  await expect(packet.getByTestId('packet-fate')).toContainText(/The SYN was delivered to webpod\d/);
  expect(await page.evaluate(() => window.__kplClock?.isPlaying())).toBe(false);
  await expect(packet.getByTestId('packet-outcome')).toContainText(/webpod\d 10\.10\.\d\.2:80/);

  const conntrack = page.getByRole('region', { name: 'Conntrack' });
  await expect(conntrack.getByTestId('conntrack-row').first()).toContainText('SYN_SENT');
  await expect(conntrack.getByTestId('conntrack-row').first()).toContainText('new');
  await expect(conntrack).toContainText(/tcp\s+6 \d+ SYN_SENT src=10\.10\.0\.4 dst=10\.\d+\.\d+\.\d+ sport=\d+ dport=\d+ \[UNREPLIED\]/);

  const rules = page.getByRole('region', { name: 'Rules' });
  await rules.getByRole('tab', { name: 'iptables -L -n -v' }).click();
  await expect(rules.getByRole('tabpanel')).toContainText(/^\s*[1-9]\d*\s+\d+\s+KUBE-SERVICES/m);

  await page.getByLabel('Language').selectOption('ko');
  await expect(page.getByRole('status', { name: 'Narration' })).toContainText('도착');
  expect(net.consoleErrors).toEqual([]);
});

test('keyboard only: Shift+Tab to Send packet, Space to send and pause, arrows to step', async ({ page, net }) => {
  await openApp(page);
  await expect(page.getByLabel('From', { exact: true })).toHaveValue('net-pod');
  await expect(page.getByLabel('To', { exact: true })).toHaveValue('svc-clusterip.default:9000');
  const send = page.getByRole('button', { name: 'Send packet', exact: true });
  // Backwards from the end of the page: Tab forwards would enter the editor, where Tab indents.
  for (let i = 0; i < 40 && !(await send.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Shift+Tab');
  await expect(send).toBeFocused();
  await page.keyboard.press('Space');
  await expect(page.getByTestId('packet-panel')).toBeVisible();

  const pause = page.getByRole('button', { name: 'Pause', exact: true });
  for (let i = 0; i < 6 && !(await pause.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
  await expect(pause).toBeFocused();
  await page.keyboard.press('Space');
  expect(await page.evaluate(() => window.__kplClock?.isPlaying())).toBe(false);

  const timeline = page.getByLabel('Timeline', { exact: true });
  const at = async (): Promise<number> => Number(await timeline.inputValue());
  const start = await at();
  for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight');
  await expect.poll(at).toBe(start + 5);
  await page.keyboard.press('ArrowLeft');
  await expect.poll(at).toBe(start + 4);

  // Space on Play plays; Space on Pause pauses again.
  await page.getByRole('button', { name: 'Play', exact: true }).focus();
  await page.keyboard.press('Space');
  expect(await page.evaluate(() => window.__kplClock?.isPlaying())).toBe(true);
  await page.keyboard.press('Tab');
  await expect(pause).toBeFocused();
  await page.keyboard.press('Space');
  expect(await page.evaluate(() => window.__kplClock?.isPlaying())).toBe(false);
  expect(net.consoleErrors).toEqual([]);
});

test('a second send is a second connection that starts from the first one\'s conntrack entries; Reset clears', async ({ page }) => {
  await openApp(page);
  await sendFromNetPod(page);
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  // Seek to the end with the timeline, then send again.
  const timeline = page.getByLabel('Timeline', { exact: true });
  await timeline.fill(await timeline.getAttribute('max') ?? '0');
  await expect(page.getByTestId('packet-fate')).toContainText(/delivered to webpod\d/);
  await page.getByRole('button', { name: 'Send packet', exact: true }).click();
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  await page.evaluate(() => {
    window.__kplClock?.pause();
    window.__kplClock?.step(-10_000);
  });
  await expect(page.getByRole('region', { name: 'Playback' })).toContainText('connection #2');
  const conntrack = page.getByRole('region', { name: 'Conntrack' });
  await expect(conntrack).toContainText('TIME_WAIT');
  await expect(conntrack).toContainText('before this connection');

  await page.getByRole('button', { name: 'Reset', exact: true }).click();
  await expect(page.getByRole('region', { name: 'Packet' })).toContainText('No packet yet');
  await expect(conntrack).toContainText('No conntrack entries yet');
  await expect(timeline).toBeDisabled();
  const rules = page.getByRole('region', { name: 'Rules' });
  await rules.getByRole('tab', { name: 'iptables -L -n -v' }).click();
  await expect(rules.getByRole('tabpanel')).toContainText('Chain PREROUTING (policy ACCEPT 0 packets, 0 bytes)');
  await expect(rules.getByRole('tabpanel')).not.toContainText(/^\s*[1-9]\d*\s+\d+\s+\S/m);
});

test('axe: no serious or critical violation while a packet is shown', async ({ page }) => {
  const AxeBuilder = (await import('@axe-core/playwright')).default;
  await openApp(page);
  await sendFromNetPod(page);
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  await page.evaluate(() => window.__kplClock?.step(9));
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).exclude('.monaco-editor').analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
});
