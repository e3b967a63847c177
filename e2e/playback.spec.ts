import type { Page } from '@playwright/test';
import { test, expect, openApp } from './fixtures';

/** The app's playback clock with its test controls (src/app/packet/clock.ts `ClockControl`). */
interface Clock {
  pause(): void;
  step(n: number): void;
  isPlaying(): boolean;
  hold(): void;
  elapse(ms: number): number;
  progress(): { index: number; total: number };
}
type WithClock = { __kplClock: Clock };

const hold = (page: Page): Promise<void> => page.evaluate(() => (window as unknown as WithClock).__kplClock.hold());
const progress = (page: Page): Promise<{ index: number; total: number }> => page.evaluate(() => (window as unknown as WithClock).__kplClock.progress());

async function sendDefault(page: Page): Promise<void> {
  await expect(page.getByLabel('From', { exact: true })).toHaveValue('net-pod');
  await expect(page.getByLabel('To', { exact: true })).toHaveValue('svc-clusterip.default:9000');
  await page.getByRole('button', { name: 'Send packet', exact: true }).click();
  await expect(page.getByTestId('packet-panel')).toBeVisible();
}

test('the default connection, folded: at most 25 Next decision presses from SYN to last ACK; rule by rule one toggle away', async ({ page, net }) => {
  // Two dozen clicks, each waiting for the page to settle: slow on a loaded machine, not in the app.
  test.setTimeout(120_000);
  await openApp(page);
  await hold(page);
  await sendDefault(page);
  await expect(page.getByRole('checkbox', { name: 'Hide rules that did not match' })).toBeChecked();
  await page.evaluate(() => (window as unknown as WithClock).__kplClock.pause());
  const next = page.getByRole('button', { name: 'Next decision', exact: true });
  const narration = page.getByRole('status', { name: 'Narration' });
  let presses = 0;
  while (await next.isEnabled()) {
    await next.click();
    presses++;
    if (presses === 1) await expect(narration).toContainText('conntrack has no entry for this flow');
    expect(presses).toBeLessThanOrEqual(25);
  }
  expect(presses).toBeGreaterThanOrEqual(10);
  test.info().annotations.push({ type: 'Next decision presses', description: String(presses) });
  const end = await progress(page);
  expect(end.index).toBe(end.total - 1);
  await expect(page.getByRole('list', { name: /packets/i }).getByRole('button').last()).toHaveAttribute('aria-current', 'step');
  await expect(narration).toContainText('hops in one step');
  await expect(page.getByTestId('decision-badge')).toBeVisible();

  // Rule by rule: every hop of the eight packets is a step again.
  const timeline = page.getByLabel('Timeline', { exact: true });
  const foldedMax = Number(await timeline.getAttribute('max'));
  await page.getByRole('checkbox', { name: 'Hide rules that did not match' }).uncheck();
  const hopByHop = Number(await timeline.getAttribute('max'));
  expect(hopByHop).toBeGreaterThan(3 * foldedMax);
  await expect(timeline).toHaveValue(String(hopByHop));
  await page.getByRole('checkbox', { name: 'Hide rules that did not match' }).check();
  await expect(timeline).toHaveAttribute('max', String(foldedMax));

  // In Korean the button reads as Korean and keeps its name.
  await page.getByLabel('Language').selectOption('ko');
  await expect(next).toContainText('다음 결정');
  expect(net.consoleErrors).toEqual([]);
});

test('played at 1×, the default connection ends within 30 s of the app clock', async ({ page, net }) => {
  test.setTimeout(120_000);
  await openApp(page);
  await expect(page.getByRole('slider', { name: 'Speed' })).toHaveValue('1');
  await hold(page);
  await sendDefault(page);
  expect(await page.evaluate(() => (window as unknown as WithClock).__kplClock.isPlaying())).toBe(true);
  let seconds = 0;
  while (await page.evaluate(() => (window as unknown as WithClock).__kplClock.isPlaying())) {
    await page.evaluate(() => (window as unknown as WithClock).__kplClock.elapse(1000));
    seconds++;
    expect(seconds, 'seconds of app time at 1×').toBeLessThanOrEqual(30);
  }
  expect(seconds).toBeGreaterThan(5);
  test.info().annotations.push({ type: 'seconds at 1×', description: String(seconds) });
  const end = await progress(page);
  expect(end.index).toBe(end.total - 1);
  await expect(page.getByTestId('packet-fate')).toContainText(/delivered to webpod\d/);
  expect(net.consoleErrors).toEqual([]);
});

test('a folded run of rules opens in place, one rule per step', async ({ page }) => {
  await openApp(page);
  await hold(page);
  await sendDefault(page);
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  const narration = page.getByRole('status', { name: 'Narration' });
  const step = page.getByRole('button', { name: 'Step', exact: true });
  const open = page.getByTestId('open-fold');
  for (let i = 0; i < 20 && !/rules did not match/.test(await narration.innerText()); i++) await step.click();
  await expect(narration).toContainText(/KUBE-SVC-\w+: 2 rules did not match \(rules 1–2\)/);
  await expect(open).toHaveText('Show the 2 rules');
  const before = await progress(page);
  await open.click();
  await expect(narration).toContainText('no match (! -s 10.10.0.0/16');
  expect(await progress(page)).toEqual({ index: before.index, total: before.total + 1 });
  await step.click();
  await expect(narration).toContainText(/random draw passes over endpoint 10\.10\.\d\.2:80 \(probability 1\/3\)/);
});

test('the conntrack panel changes on the hop where the kernel changes the entry: SYN_RECV at the SYN-ACK\'s lookup', async ({ page, net }) => {
  await openApp(page);
  await hold(page);
  await sendDefault(page);
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  await page.getByRole('list', { name: /packets/i }).getByRole('button', { name: /SYN-ACK/ }).click();
  const conntrack = page.getByRole('region', { name: 'Conntrack' });
  // At the SYN-ACK's send, the tables are as the SYN left them.
  await expect(conntrack.getByTestId('conntrack-row').first()).toContainText('SYN_SENT');
  await expect(conntrack.locator('pre')).toContainText('[UNREPLIED]');
  await page.getByRole('button', { name: 'Step', exact: true }).click();
  await expect(page.getByRole('status', { name: 'Narration' })).toContainText(/PREROUTING: conntrack finds entry #\d+, reply direction/);
  const row = conntrack.getByTestId('conntrack-row').first();
  await expect(row).toContainText('SYN_RECV');
  await expect(row).toContainText('changed');
  await expect(row).not.toContainText('UNREPLIED');
  await expect(conntrack.locator('pre')).toContainText(/tcp\s+6 \d+ SYN_RECV src=10\.10\.0\.4 /);
  await expect(conntrack.locator('pre')).not.toContainText('[UNREPLIED]');
  await expect(conntrack).toContainText('during SYN-ACK');
  expect(net.consoleErrors).toEqual([]);
});

test('after a 1,000-connection spread, iptables -L -n -v counts its SYNs: the KUBE-SEP DNAT rules add up to 1,000, as the bars say', async ({ page, net }) => {
  await openApp(page);
  const spread = page.getByRole('region', { name: 'Spread' });
  await spread.getByLabel('Spread from').selectOption('net-pod');
  await spread.getByLabel('Spread to').selectOption('svc-clusterip.default:9000');
  await spread.getByRole('button', { name: '1,000', exact: true }).click();
  await spread.getByRole('button', { name: 'Run spread' }).click();
  await expect(spread.getByRole('status')).toContainText('1,000 connections reached 3 endpoints');
  // The histogram loads with its first use: wait for its three bars before reading them.
  await expect(spread.getByTestId('spread-bar').getByTestId('spread-count')).toHaveCount(3);
  const bars = (await spread.getByTestId('spread-bar').getByTestId('spread-count').allInnerTexts()).map((t) => Number(t.replace(/[^\d]/g, '')));

  // net-pod's node DNATs every SYN.
  await page.getByLabel('Node', { exact: true }).selectOption('myk8s-control-plane');
  const rules = page.getByRole('region', { name: 'Rules' });
  await rules.getByRole('tab', { name: 'iptables -L -n -v' }).click();
  const panel = rules.getByRole('tabpanel');
  await expect(panel).toContainText(/Chain KUBE-SEP-/);
  const dnat = async (): Promise<number[]> => {
    const text = (await panel.textContent()) ?? '';
    const counts: number[] = [];
    let chain = '';
    for (const line of text.split('\n')) {
      chain = /^Chain (\S+)/.exec(line)?.[1] ?? chain;
      const m = /^\s*(\d+)\s+\d+\s+DNAT\s/.exec(line);
      if (m && chain.startsWith('KUBE-SEP-') && Number(m[1]) > 0) counts.push(Number(m[1]));
    }
    return counts.sort((a, b) => a - b);
  };
  await expect.poll(dnat).toEqual([...bars].sort((a, b) => a - b));
  expect((await dnat()).reduce((a, b) => a + b, 0)).toBe(1000);
  expect(net.consoleErrors).toEqual([]);
});
