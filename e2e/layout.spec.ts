import { test, expect, openApp } from './fixtures';
import type { Locator } from '@playwright/test';

const width = async (l: Locator): Promise<number> => (await l.boundingBox())!.width;
const height = async (l: Locator): Promise<number> => (await l.boundingBox())!.height;

test('the panels are resizable with the mouse and the keyboard; sizes survive a reload; Enter resets', async ({ page, net }) => {
  await openApp(page);
  const editor = page.getByRole('region', { name: 'Scenario editor' });
  const hooks = page.getByRole('region', { name: 'Netfilter hooks' });
  const packet = page.getByRole('region', { name: 'Packet' });
  const between = page.getByRole('separator', { name: /^Resize Scenario editor and Netfilter hooks/ });
  await expect(between).toBeVisible();
  const editorBefore = await width(editor);
  const hooksBefore = await width(hooks);

  // Drag the editor's right edge 120 px to the right: the editor grows by that much, the diagrams shrink.
  const box = (await between.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 + 60, box.y + box.height / 2, { steps: 4 });
  await page.mouse.move(box.x + box.width / 2 + 120, box.y + box.height / 2, { steps: 4 });
  await page.mouse.up();
  expect(await width(editor)).toBeCloseTo(editorBefore + 120, -1);
  expect(await width(hooks)).toBeCloseTo(hooksBefore - 120, -1);
  // The same column boundary runs under the packet panel too.
  expect(await width(packet)).toBeCloseTo(editorBefore + 120, -1);

  // Keyboard: the row boundary above Packet, two steps up (24 px each).
  const above = page.getByRole('separator', { name: /^Resize Scenario editor and Packet/ });
  const packetBefore = await height(packet);
  await above.focus();
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  expect(await height(packet)).toBeCloseTo(packetBefore + 48, -1);

  // A reload keeps both.
  const kept = { editor: await width(editor), packet: await height(packet) };
  await page.reload();
  await expect(page.getByRole('region', { name: 'Rules' }).locator('.rules-line').first()).toBeVisible();
  expect(await width(editor)).toBeCloseTo(kept.editor, 0);
  expect(await height(packet)).toBeCloseTo(kept.packet, 0);

  // Enter on a splitter puts the stylesheet's layout back.
  await page.getByRole('separator', { name: /^Resize Scenario editor and Netfilter hooks/ }).focus();
  await page.keyboard.press('Enter');
  expect(await width(editor)).toBeCloseTo(editorBefore, 0);
  expect(await height(packet)).toBeCloseTo(packetBefore, 0);
  expect(net.consoleErrors).toEqual([]);
});

test('no column can be dragged narrower than 200 px', async ({ page }) => {
  await openApp(page);
  const editor = page.getByRole('region', { name: 'Scenario editor' });
  const between = page.getByRole('separator', { name: /^Resize Scenario editor and Netfilter hooks/ });
  const box = (await between.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(0, box.y + box.height / 2, { steps: 6 });
  await page.mouse.up();
  // The panel fills its track: 200 px.
  expect(await width(editor)).toBeGreaterThanOrEqual(199);
  expect(await width(editor)).toBeLessThan(215);
});
