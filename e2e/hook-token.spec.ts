/**
 * The packet token in the hook diagram: it never covers the label of a place it waits on (the routing
 * decision, the network), it glides at the pace of the steps (short between decisions, so it is not
 * still moving when the next step starts), not at all with reduced motion; and while a packet is on its
 * way the chain graph's row gets more of the height at 1280×720.
 */
import type { Locator, Page } from '@playwright/test';
import { test, expect, openApp } from './fixtures';

interface WithClock {
  readonly __kplClock: { pause(): void; step(n: number): void; progress(): { index: number; total: number } };
}

const hooks = (page: Page): Locator => page.getByRole('region', { name: 'Netfilter hooks' });

async function send(page: Page): Promise<void> {
  await page.getByLabel('From', { exact: true }).selectOption('net-pod');
  await page.getByLabel('To', { exact: true }).selectOption('svc-clusterip.default:9000');
  await page.getByRole('button', { name: 'Send packet', exact: true }).click();
  await expect(page.getByTestId('packet-panel')).toBeVisible();
}

/** The token's box, and the boxes of every place's label text, in page pixels. */
function tokenAndLabels(page: Page): Promise<{ token: DOMRect; places: { label: string; box: DOMRect; text: DOMRect[] }[] }> {
  return page.evaluate(() => {
    const token = document.querySelector('[data-testid="packet-token"]')!.getBoundingClientRect();
    const places = [...document.querySelectorAll<HTMLElement>('.place-node')].map((p) => {
      const range = document.createRange();
      range.selectNodeContents(p.querySelector('span') ?? p);
      return { label: p.getAttribute('aria-label') ?? '', box: p.getBoundingClientRect(), text: [...range.getClientRects()] };
    });
    return JSON.parse(JSON.stringify({ token, places })) as { token: DOMRect; places: { label: string; box: DOMRect; text: DOMRect[] }[] };
  });
}

const overlaps = (a: DOMRect, b: DOMRect): boolean => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

test('the token never covers a place’s label, and sits on the place it waits at', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await openApp(page);
  await send(page);
  await page.evaluate(() => (window as unknown as WithClock).__kplClock.pause());
  const onPlaces = new Set<string>();
  for (let i = 0; i < 30; i++) {
    await page.evaluate(async () => {
      (window as unknown as WithClock).__kplClock.step(1);
      for (let k = 0; k < 3; k++) await new Promise((r) => requestAnimationFrame(r));
    });
    const { token, places } = await tokenAndLabels(page);
    if (token.width === 0) continue;
    for (const p of places) {
      for (const t of p.text) expect(overlaps(token, t), `the token covers “${p.label}” at step ${i + 1}`).toBe(false);
      const cx = token.x + token.width / 2;
      // At a place: right under it (or over it), centred on it.
      if (Math.abs(cx - (p.box.x + p.box.width / 2)) < 2 && (Math.abs(token.y - (p.box.y + p.box.height + 2)) < 2 || Math.abs(token.y + token.height + 2 - p.box.y) < 2)) onPlaces.add(p.label);
    }
  }
  // The SYN waits at the routing decision on its way to FORWARD: the check above saw the token at it.
  expect([...onPlaces]).toContain('routing decision');
});

test('the token glides at the pace of the steps, and jumps with reduced motion', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  // The tests run with reduced motion by default; the lab follows the system's setting when it starts.
  await page.emulateMedia({ reducedMotion: 'no-preference' });
  await openApp(page);
  await expect(page.getByLabel('Hide rules that did not match')).toBeChecked();
  await send(page);
  // Playing at 1× (folded): the token's glides, as the page runs them.
  const durations = await page.evaluate(async () => {
    const token = document.querySelector('[data-testid="packet-token"]')!;
    const seen = new Set<number>();
    const until = performance.now() + 3000;
    while (performance.now() < until) {
      for (const a of token.getAnimations()) seen.add(Math.round(Number(a.effect?.getTiming().duration ?? 0)));
      await new Promise((r) => requestAnimationFrame(r));
    }
    return [...seen];
  });
  expect(durations.length).toBeGreaterThan(0);
  // Between decisions a step stays 0.21 s at 1×: the glide ends before it (0.7 of it); decisions keep 0.45 s.
  expect(Math.min(...durations)).toBeLessThanOrEqual(150);
  expect(Math.max(...durations)).toBeLessThanOrEqual(450);

  await page.getByLabel('Reduce motion').check();
  await page.evaluate(() => (window as unknown as WithClock).__kplClock.pause());
  await page.evaluate(async () => {
    (window as unknown as WithClock).__kplClock.step(1);
    for (let k = 0; k < 3; k++) await new Promise((r) => requestAnimationFrame(r));
  });
  const running = await page.evaluate(() => document.querySelector('[data-testid="packet-token"]')!.getAnimations().filter((a) => a.playState === 'running' && Number(a.effect?.getTiming().duration ?? 0) > 0).length);
  expect(running).toBe(0);
});

test('at 1280×720 the chain graph gets more of the height while a packet is on its way', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await openApp(page);
  const graph = page.getByRole('region', { name: 'Chain graph' });
  const before = (await graph.boundingBox())!.height;
  await send(page);
  await expect.poll(async () => (await graph.boundingBox())!.height).toBeGreaterThan(before + 25);
  // The hook diagram still shows its first row of hooks whole.
  const prerouting = hooks(page).locator('.hook-node').first();
  await expect(prerouting).toBeInViewport({ ratio: 1 });
});
