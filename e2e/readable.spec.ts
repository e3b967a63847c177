import type { Locator, Page } from '@playwright/test';
import { test, expect, openApp } from './fixtures';
import { smallestText } from './text-size';

/** The app's playback clock (src/app/packet/clock.ts), which tests hold still and step (`window.__kplClock`). */
type WithClock = { __kplClock: { pause(): void; step(n: number): void } };

const hooks = (page: Page): Locator => page.getByRole('region', { name: 'Netfilter hooks' });

async function send(page: Page, from: string, to: string): Promise<void> {
  await page.getByLabel('From', { exact: true }).selectOption(from);
  await page.getByLabel('To', { exact: true }).selectOption(to);
  await page.getByRole('button', { name: 'Send packet', exact: true }).click();
  await expect(page.getByTestId('packet-panel')).toBeVisible();
  await page.evaluate(() => (window as unknown as WithClock).__kplClock.pause());
}

/** Steps the clock and waits until the step is drawn (the camera and the token move a frame after it). */
async function step(page: Page, n: number): Promise<void> {
  await page.evaluate(async (k) => {
    (window as unknown as WithClock).__kplClock.step(k);
    for (let i = 0; i < 3; i++) await new Promise((r) => requestAnimationFrame(r));
  }, n);
}

async function expectReadable(region: Locator, least: number, when: string): Promise<void> {
  const smallest = await smallestText(region);
  expect(smallest, `${when}: no text measured`).toBeDefined();
  // The diagram's hooks, their stages and the places: dozens of runs of text, not a fallback.
  expect(smallest!.measured, when).toBeGreaterThan(30);
  expect(smallest!.size, `${when}: "${smallest!.text}" is drawn at ${smallest!.size} px`).toBeGreaterThanOrEqual(least);
  // The measured number, in the report (test-results/playwright.json), for whoever tunes the sizes next.
  test.info().annotations.push({ type: 'smallest text', description: `${when}: ${smallest!.size} px ("${smallest!.text}", ${smallest!.measured} runs)` });
}

const SIZES = [
  { width: 1280, height: 720 },
  { width: 1920, height: 1080 },
] as const;

for (const size of SIZES) {
  for (const classroom of [false, true]) {
    const least = classroom ? 16 : 12;
    test(`every text in the hook diagram is at least ${least} px on screen at ${size.width}×${size.height}${classroom ? ' in classroom mode' : ''}`, async ({ page, net }) => {
      await page.setViewportSize(size);
      await openApp(page);
      if (classroom) await page.getByRole('button', { name: 'Classroom' }).click();
      await expect(hooks(page).locator('.hook-node')).toHaveCount(5);
      await expectReadable(hooks(page), least, 'before any packet');

      await send(page, 'net-pod', 'svc-clusterip.default:9000');
      // Into PREROUTING's nat stage: the token, the lit stage and the cluster path all show.
      for (let i = 0; i < 40 && (await hooks(page).locator('.stage.is-current').count()) === 0; i++) await step(page, 1);
      await expect(hooks(page).locator('.stage.is-current')).toHaveCount(1);
      await expect(hooks(page).getByTestId('packet-token')).toBeVisible();
      await expectReadable(hooks(page), least, 'with a packet in PREROUTING');
      expect(net.consoleErrors).toEqual([]);
    });
  }
}

/** Whether the element's box lies inside the scroller's visible part. */
async function inView(scroller: Locator, target: Locator): Promise<boolean> {
  const [s, t] = await Promise.all([scroller.boundingBox(), target.boundingBox()]);
  if (!s || !t) return false;
  return t.x >= s.x - 0.5 && t.y >= s.y - 0.5 && t.x + t.width <= s.x + s.width + 0.5 && t.y + t.height <= s.y + s.height + 0.5;
}

test('at 1280×720 the diagram follows the packet across both rows, and the overview shows and moves the view', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await openApp(page);
  const scroller = hooks(page).getByTestId('hook-diagram');
  // A process on a node: OUTPUT and POSTROUTING (the bottom row, then the top), then the endpoint's node.
  await send(page, 'myk8s-worker', 'svc-clusterip.default:9000');
  const here = hooks(page).locator('.stage.is-current, .place-node.is-current');
  const seen = new Set<string>();
  for (let i = 0; i < 60; i++) {
    await step(page, 1);
    if ((await here.count()) === 0) continue;
    const name = await here.first().evaluate((el) => el.closest('[data-box]')?.getAttribute('data-box') ?? '');
    seen.add(name);
    expect(await inView(scroller, here.first()), `step ${i + 1}: ${name} is out of view`).toBe(true);
  }
  expect([...seen]).toEqual(expect.arrayContaining(['OUTPUT', 'POSTROUTING', 'PREROUTING']));

  // The whole diagram does not fit at this size: the overview is there, and pointing into it pans.
  const overview = hooks(page).getByTestId('hook-overview');
  await expect(overview).toBeVisible();
  const box = (await overview.boundingBox())!;
  await overview.click({ position: { x: 2, y: 2 } });
  const topLeft = await scroller.evaluate((el) => [el.scrollLeft, el.scrollTop]);
  await overview.click({ position: { x: box.width - 2, y: box.height - 2 } });
  const bottomRight = await scroller.evaluate((el) => [el.scrollLeft, el.scrollTop]);
  expect(bottomRight[0]! + bottomRight[1]!).toBeGreaterThan(topLeft[0]! + topLeft[1]!);
});

test('the lesson and the diagrams get the space; an empty Packet panel does not', async ({ page }) => {
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await openApp(page);
    const area = async (name: string): Promise<number> => {
      const b = (await page.getByRole('region', { name }).boundingBox())!;
      return b.width * b.height;
    };
    const screen = size.width * size.height;
    const packet = await area('Packet');
    expect(packet / screen, `Packet at ${size.width}×${size.height}`).toBeLessThan(0.12);
    expect(await area('Netfilter hooks')).toBeGreaterThan(2 * packet);
    expect(await area('Chain graph')).toBeGreaterThan(2 * packet);
    expect(await area('Scenario editor')).toBeGreaterThan(2 * packet);
  }
});

for (const classroom of [false, true]) {
  test(`the matched DNAT rule shows its target at 1280×720${classroom ? ' in classroom mode' : ''}`, async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 720 });
    await openApp(page);
    if (classroom) await page.getByRole('button', { name: 'Classroom' }).click();
    await send(page, 'net-pod', 'svc-clusterip.default:9000');
    const current = page.getByRole('region', { name: 'Rules' }).locator('.rules-line.is-current');
    for (let i = 0; i < 80 && !/-j DNAT/.test((await current.allInnerTexts()).join('')); i++) await step(page, 1);
    await expect(current).toContainText(/-j DNAT --to-destination 10\.10\.\d\.2:80/);
    // The words "-j DNAT --to-destination 10.10.x.2:80" are inside the visible part of the rules text.
    const visible = await current.evaluate((line) => {
      const pre = line.closest('pre')!;
      const text = line.firstChild!;
      const from = text.textContent!.indexOf('-j DNAT');
      const range = document.createRange();
      range.setStart(text, from);
      range.setEnd(text, text.textContent!.length);
      const view = pre.getBoundingClientRect();
      const right = view.left + pre.clientWidth;
      const bottom = view.top + pre.clientHeight;
      return [...range.getClientRects()].every((r) => r.left >= view.left - 0.5 && r.right <= right + 0.5 && r.top >= view.top - 0.5 && r.bottom <= bottom + 0.5);
    });
    expect(visible).toBe(true);
  });
}

test('the "works offline" notice is in the status bar, covers no panel, moves none, and goes away by itself', async ({ page }) => {
  await openApp(page);
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  const notice = page.getByRole('status', { name: 'App update' });
  await expect(notice).toContainText(/works offline/);
  await expect(page.getByRole('contentinfo', { name: 'Engine status' }).getByRole('status', { name: 'App update' })).toBeVisible();
  const n = (await notice.boundingBox())!;
  for (const name of ['Netfilter hooks', 'Chain graph', 'Scenario editor', 'Packet', 'Conntrack', 'Rules']) {
    const r = (await page.getByRole('region', { name }).boundingBox())!;
    const overlaps = n.x < r.x + r.width && r.x < n.x + n.width && n.y < r.y + r.height && r.y < n.y + n.height;
    expect(overlaps, `the notice covers ${name}`).toBe(false);
  }
  // Coming and going, it moves nothing: the panels keep their size.
  const withNotice = await page.getByRole('region', { name: 'Packet' }).boundingBox();
  await expect(notice).toHaveCount(0, { timeout: 10_000 });
  expect(await page.getByRole('region', { name: 'Packet' }).boundingBox()).toEqual(withNotice);
});

test('the measure sees what reaches the screen: the same diagram under a scale(0.5) measures half', async ({ page }) => {
  await openApp(page);
  await expect(hooks(page).locator('.hook-node')).toHaveCount(5);
  const full = (await smallestText(hooks(page).getByTestId('hook-diagram')))!;
  await hooks(page).locator('.hook-canvas').evaluate((el) => {
    el.style.transform = 'scale(0.5)';
  });
  const half = (await smallestText(hooks(page).getByTestId('hook-diagram')))!;
  expect(half.size).toBeCloseTo(full.size / 2, 5);
  await hooks(page).locator('.hook-canvas').evaluate((el) => {
    el.style.transform = '';
    el.style.setProperty('zoom', '0.5');
  });
  expect((await smallestText(hooks(page).getByTestId('hook-diagram')))!.size).toBeCloseTo(full.size / 2, 5);
});
