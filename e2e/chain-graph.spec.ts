import type { Locator, Page } from '@playwright/test';
import { test, expect, openApp, replaceEditorText } from './fixtures';
import { manyServiceName, manyServicePort, manyServicesScenario } from '../bench/many-services';

declare global {
  interface Window {
    /** The app's playback clock (src/app/packet/clock.ts), exposed so tests can hold it still. */
    __kplClock?: { pause(): void; step(n: number): void; isPlaying(): boolean };
  }
}

const SVC = 'KUBE-SVC-KBDEBIL6IU6WL7RF';

interface SmallestText {
  /** The text's size on screen, in CSS px: its font size times the scale it is drawn at. */
  readonly px: number;
  readonly text: string;
  /** How many texts were measured. */
  readonly count: number;
}

/**
 * The smallest text drawn inside `root`, as a reader sees it: for every non-blank text node at least partly
 * inside root's box (text panned out of the view is not on screen), its element's computed font size times
 * the scale the element is drawn at (the product of its ancestors' CSS transforms: React Flow's viewport
 * transform, and any other, included). This chain-graph spec's own copy; e2e/text-size.ts does the same for the hook
 * diagram (to be unified).
 */
async function smallestText(root: Locator): Promise<SmallestText> {
  return root.evaluate((el) => {
    const box = el.getBoundingClientRect();
    let px = Infinity;
    let text = '';
    let count = 0;
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const t = (n.textContent ?? '').trim();
      const owner = n.parentElement;
      if (!t || !owner) continue;
      const style = getComputedStyle(owner);
      if (style.visibility === 'hidden' || style.display === 'none' || Number(style.opacity) === 0) continue;
      const range = document.createRange();
      range.selectNodeContents(n);
      const r = range.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      if (r.right <= box.left || r.left >= box.right || r.bottom <= box.top || r.top >= box.bottom) continue;
      let scale = 1;
      for (let a: Element | null = owner; a; a = a.parentElement) {
        const t = getComputedStyle(a).transform;
        if (t && t !== 'none') scale *= Math.hypot(new DOMMatrixReadOnly(t).a, new DOMMatrixReadOnly(t).b);
      }
      const size = parseFloat(style.fontSize) * scale;
      count += 1;
      if (size < px) {
        px = size;
        text = t;
      }
    }
    return { px, text, count };
  });
}

/** Clears a first visit's welcome card if there is one, so it covers nothing. */
async function skipWelcome(page: Page): Promise<void> {
  const explore = page.getByRole('button', { name: 'Explore on my own' });
  if (await explore.isVisible()) await explore.click();
}

/** Sends the default packet (net-pod → svc-clusterip:9000), holds playback and steps until it is in a KUBE-SEP chain. */
async function sendAndStepToEndpoint(page: Page): Promise<void> {
  await page.getByLabel('From', { exact: true }).selectOption('net-pod');
  await page.getByLabel('To', { exact: true }).selectOption('svc-clusterip.default:9000');
  await page.getByRole('button', { name: 'Send packet', exact: true }).click();
  await expect(page.getByTestId('packet-panel')).toBeVisible();
  await page.evaluate(() => window.__kplClock?.pause());
  await page.evaluate(() => window.__kplClock?.step(-1000));
  const current = page.getByRole('region', { name: 'Chain graph' }).locator('.chain-node.is-current');
  const step = page.getByRole('button', { name: 'Step', exact: true });
  for (let i = 0; i < 40 && !/KUBE-SEP-/.test((await current.allInnerTexts()).join(' ')); i++) await step.click();
  await expect(current).toContainText(/KUBE-SEP-/);
  // The camera's move (none with reduced motion) has settled.
  await page.waitForTimeout(400);
}

for (const size of [
  { width: 1280, height: 720 },
  { width: 1920, height: 1080 },
]) {
  test(`chain graph text is never under 12px on screen at ${size.width}×${size.height}, nor under 16px in classroom mode`, async ({ page, net }) => {
    await page.setViewportSize(size);
    await openApp(page);
    await skipWelcome(page);
    const graph = page.getByRole('region', { name: 'Chain graph' });
    const panel = graph.locator('.graph-panel');
    await expect(graph.getByRole('button', { name: SVC })).toBeVisible();
    await page.waitForTimeout(400);
    const atRest = await smallestText(panel);
    expect(atRest.count).toBeGreaterThan(5);
    expect(atRest.px, `at rest: "${atRest.text}"`).toBeGreaterThanOrEqual(12);

    await sendAndStepToEndpoint(page);
    const playing = await smallestText(panel);
    expect(playing.px, `playing: "${playing.text}"`).toBeGreaterThanOrEqual(12);
    // The packet's chain is drawn, and drawn whole, inside the view.
    const box = (await graph.locator('.react-flow').boundingBox())!;
    const here = (await graph.locator('.chain-node.is-current').boundingBox())!;
    expect(here.x).toBeGreaterThanOrEqual(box.x - 1);
    expect(here.x + here.width).toBeLessThanOrEqual(box.x + box.width + 1);

    await page.getByRole('button', { name: 'Classroom' }).click();
    await expect(page.locator('.app')).toHaveClass(/is-classroom/);
    await page.waitForTimeout(600);
    const classroom = await smallestText(panel);
    expect(classroom.count).toBeGreaterThan(3);
    expect(classroom.px, `classroom: "${classroom.text}"`).toBeGreaterThanOrEqual(16);
    expect(net.consoleErrors).toEqual([]);
  });
}

test('a packet selects its own Service, and the endpoints stand in rule order with their rule numbers and probabilities', async ({ page }) => {
  await openApp(page);
  await skipWelcome(page);
  const graph = page.getByRole('region', { name: 'Chain graph' });
  const service = graph.getByLabel('Service', { exact: true });
  // Start from "All services": the packet, not the learner, picks the Service.
  await service.selectOption('');
  await expect(graph.getByRole('list', { name: 'Services' })).toBeVisible();
  await sendAndStepToEndpoint(page);
  await expect(service).toHaveValue('default/svc-clusterip');
  await expect(graph.getByRole('button', { name: SVC })).toBeVisible();

  // The rules panel's order of the KUBE-SVC chain's jumps to its endpoints…
  const rules = page.getByRole('region', { name: 'Rules' }).getByRole('tabpanel');
  await page.getByRole('region', { name: 'Rules' }).getByLabel('Table', { exact: true }).selectOption('nat');
  const text = await rules.innerText();
  const picks = [...text.matchAll(new RegExp(`^-A ${SVC} .*-j (KUBE-SEP-[A-Z0-9]+)$`, 'gm'))].map((m) => m[1]!);
  expect(picks).toHaveLength(3);
  const firstPick = text.split('\n').filter((l) => l.startsWith(`-A ${SVC} `)).findIndex((l) => l.includes(picks[0]!)) + 1;

  // …is the graph's order top to bottom, each endpoint badged with its rule's number.
  const endpoints = await Promise.all(
    picks.map(async (chain) => {
      const node = graph.locator('.chain-node').filter({ has: page.getByRole('button', { name: chain, exact: true }) });
      return { chain, y: (await node.boundingBox())!.y, badge: await node.locator('.chain-rule').innerText() };
    }),
  );
  expect(endpoints.map((e) => e.badge)).toEqual(picks.map((_, i) => `rule ${firstPick + i}`));
  const ys = endpoints.map((e) => e.y);
  expect(ys).toEqual([...ys].sort((a, b) => a - b));

  // Each probability stands at its own endpoint's height, just before its arrow.
  for (const [i, p] of ['p=0.33333333349', 'p=0.50000000000'].entries()) {
    const label = (await graph.locator('.chain-edge-label', { hasText: p }).boundingBox())!;
    const node = (await graph.locator('.chain-node').filter({ has: page.getByRole('button', { name: picks[i]!, exact: true }) }).boundingBox())!;
    expect(label.y + label.height / 2, p).toBeGreaterThan(node.y);
    expect(label.y + label.height / 2, p).toBeLessThan(node.y + node.height);
    expect(label.x + label.width, p).toBeLessThanOrEqual(node.x);
  }
});

test('"All services" at 500 Services: one node per Service, search finds one, expanding it draws its chains', async ({ page, net }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1280, height: 720 });
  await openApp(page);
  await skipWelcome(page);
  await replaceEditorText(page, manyServicesScenario(500));
  const graph = page.getByRole('region', { name: 'Chain graph' });
  const service = graph.getByLabel('Service', { exact: true });
  // The picker lists the first 300 Services and says how many more (a select of thousands blocks the page);
  // the overview below is the way to every one of them.
  await expect(service.locator('option', { hasText: '… +200' })).toHaveCount(1, { timeout: 30_000 });
  await expect(service.locator('option')).toHaveCount(302);
  await service.selectOption('');

  const list = graph.getByRole('list', { name: 'Services' });
  await expect(graph.getByTestId('service-count')).toHaveText('500 Services');
  await expect(list).toHaveAttribute('data-count', '500');
  const rows = list.getByRole('listitem');
  // Every row is one Service of 500 (aria-setsize); only those in view are in the page.
  await expect(rows.first()).toHaveAttribute('aria-setsize', '500');
  expect(await rows.count()).toBeLessThan(60);
  const text = await smallestText(graph.locator('.svc-overview'));
  expect(text.px, `overview: "${text.text}"`).toBeGreaterThanOrEqual(12);

  // By name, and by port.
  const search = graph.getByRole('searchbox', { name: 'Find a Service' });
  await search.fill(manyServiceName(421));
  await expect(graph.getByTestId('service-count')).toHaveText('1 of 500 Services');
  await search.fill(`:${manyServicePort(421)}/`);
  await expect(graph.getByTestId('service-count')).toHaveText('1 of 500 Services');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(`default/${manyServiceName(421)}`);
  await expect(rows.first()).toContainText(`:${manyServicePort(421)}/tcp`);

  await rows.first().getByRole('button').click();
  await expect(service).toHaveValue(`default/${manyServiceName(421)}`);
  await expect(graph.getByRole('button', { name: /^KUBE-SVC-/ })).toHaveCount(1);
  await expect(graph.getByRole('button', { name: /^KUBE-SEP-/ })).toHaveCount(3);
  await expect(graph.getByRole('button', { name: 'KUBE-SERVICES', exact: true })).toHaveCount(1);
  // Its way (PREROUTING → KUBE-SERVICES → KUBE-SVC → three KUBE-SEP) is wider than 1280 px at a readable
  // size: the view pans, and the outline shows where it is.
  await expect(graph.getByRole('img', { name: 'Where the view is in the chain graph' })).toBeVisible();
  const shown = await smallestText(graph.locator('.react-flow'));
  expect(shown.px, `expanded: "${shown.text}"`).toBeGreaterThanOrEqual(12);
  await expect(graph.locator('.chain-rule')).toHaveText([/^rule \d+$/, /^rule \d+$/, /^rule \d+$/]);
  expect(net.consoleErrors).toEqual([]);
});
