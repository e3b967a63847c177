/**
 * What the first screen loads later (bench/README-ui.md, "Loaded when first needed"): the chain graph's React
 * Flow and the Scale lab / Compare modes buttons' code come after the page is usable. Each test holds one
 * of those files back at the network and checks the page works without it, and that it fits in when it comes.
 */
import type { Page, Route } from '@playwright/test';
import { test, expect, openApp } from './fixtures';

/** Holds every request for a file matching `pattern` until `release()` is called. */
async function holdBack(page: Page, pattern: RegExp): Promise<{ release(): void; asked(): number }> {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let asked = 0;
  await page.route(pattern, async (route: Route) => {
    asked += 1;
    await released;
    await route.continue();
  });
  return { release, asked: () => asked };
}

async function expectUsable(page: Page): Promise<void> {
  await expect(page.getByRole('region', { name: 'Rules' }).locator('.rules-line').first()).toBeVisible();
  await expect(page.getByRole('button', { name: 'Send packet' })).toBeEnabled();
}

test('rules and Send work while the chain graph is still on its way; the graph then paints in the space kept for it', async ({ page }) => {
  const graph = await holdBack(page, /\/assets\/ChainGraphView-[\w-]+\.js$/);
  await openApp(page);
  await expectUsable(page);
  const region = page.getByRole('region', { name: 'Chain graph' });
  await expect(region).toContainText('Drawing the diagram…');
  // Asked for after the first screen works, not before it.
  await expect.poll(() => graph.asked()).toBeGreaterThan(0);
  const before = await region.boundingBox();
  const rulesBefore = await page.getByRole('region', { name: 'Rules' }).boundingBox();
  graph.release();
  await expect(region.locator('.react-flow__node').first()).toBeVisible();
  expect(await region.boundingBox()).toEqual(before);
  expect(await page.getByRole('region', { name: 'Rules' }).boundingBox()).toEqual(rulesBefore);
});

test('Scale lab clicked before its code arrived opens once it has, and its place in the header does not move', async ({ page }) => {
  const scale = await holdBack(page, /\/assets\/ScaleLabButton-[\w-]+\.js$/);
  await openApp(page);
  await expectUsable(page);
  const button = page.getByRole('button', { name: 'Scale lab', exact: true });
  const before = await button.boundingBox();
  await button.click();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  scale.release();
  await expect(page.getByRole('dialog')).toBeVisible();
  expect(await page.getByRole('button', { name: 'Scale lab', exact: true }).boundingBox()).toEqual(before);
});

test('Compare modes reads and works as the real button while its code is on its way, in Korean too', async ({ page }) => {
  const compare = await holdBack(page, /\/assets\/CompareModesButton-[\w-]+\.js$/);
  await openApp(page);
  await expectUsable(page);
  // Enabled as soon as a packet can be chosen, as the real button is.
  await expect(page.getByRole('button', { name: 'Compare modes' })).toBeEnabled();
  await page.getByRole('combobox', { name: 'Language' }).selectOption('ko');
  const standIn = page.getByRole('button', { name: '모드 비교' });
  await expect(standIn).toHaveText('⇄ 모드 비교');
  await standIn.click();
  compare.release();
  await expect(page.getByRole('dialog')).toBeVisible();
  await expect(page.getByRole('button', { name: '모드 비교' })).toHaveText('⇄ 모드 비교');
});
