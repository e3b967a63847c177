/**
 * Issue 18 in the real browser: links, faults and a full storage that once froze the lab or lost work.
 * The heavy links (32 KB, 64 KB of keys, the decompression bomb) are in e2e/timing/responsive.spec.ts: their
 * bound is on main-thread task time, measured in the timing phase that runs alone after these tests.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect, openApp, replaceEditorText } from './fixtures';

const DEFAULT_YAML = readFileSync(join(import.meta.dirname, '../src/scenarios/default.yaml'), 'utf8');

test.describe('hostile links', () => {
  test('a malformed lesson link and a damaged share link say what is wrong, without a raw error', async ({ page, net }) => {
    await openApp(page);
    await page.evaluate(() => (window.location.hash = '#lesson=%E0%A4%A'));
    await expect(page.getByTestId('share-error')).toContainText('There is no lesson called “%E0%A4%A”');
    await page.getByTestId('share-error').getByRole('button', { name: 'Dismiss' }).click();
    await page.evaluate(() => (window.location.hash = '#s1.y'));
    await expect(page.getByTestId('share-error')).toContainText('damaged');
    await expect(page.getByTestId('share-error')).not.toContainText('Cannot read');
    expect(net.consoleErrors.filter((e) => /URIError|TypeError/.test(e))).toEqual([]);
  });
});

test('a worker that dies is restarted within 5 s, with a notice, and editing goes on', async ({ page }) => {
  await openApp(page);
  // Killed while idle (a call out when it dies is caught by its own deadline, 10 s or more).
  await expect(page.getByRole('region', { name: 'Rules' })).toContainText('KUBE-SERVICES');
  await page.evaluate(async () => {
    const t = (window as unknown as { __kplTest: { closeEngineWorker(): void; engineIdle(): boolean } }).__kplTest;
    // The page's own calls (the graph's layout…) may still be out on a busy machine: killed once none is.
    // Idle for 300 ms: a call made just after the kill would be found by its own deadline (10 s or more), not the ping.
    for (let quiet = 0; quiet < 6; quiet = t.engineIdle() ? quiet + 1 : 0) await new Promise((r) => setTimeout(r, 50));
    t.closeEngineWorker();
  });
  await expect(page.getByTestId('engine-restarted')).toContainText('The engine restarted after', { timeout: 5000 });
  await expect(page.getByTestId('engine-restarted')).toContainText('your text is safe');
  // The text in the editor was answered before the worker died: the new worker is given it again, with no edit.
  await expect(page.getByTestId('outline-summary')).toContainText('✓');
  // The new worker answers edits: a new Service shows in the outline. The text starts with a line of its own,
  // so replaceEditorText sees a paste that did not land (the default text starts as the editor's does).
  await replaceEditorText(page, `# after the restart\n${DEFAULT_YAML}---\napiVersion: v1\nkind: Service\nmetadata: {name: after-restart}\nspec: {ports: [{port: 80}]}\n`);
  await expect(page.getByTestId('outline-summary')).toContainText('Service/after-restart');
  await page.getByRole('button', { name: 'Send packet', exact: true }).click();
  await expect(page.getByTestId('packet-panel')).toBeVisible();
});

test('a full localStorage shows a notice and loses no text across a reload', async ({ page }) => {
  await openApp(page);
  await page.evaluate(() => {
    // Fill the origin's quota with junk, big pieces first.
    let size = 1 << 20;
    let n = 0;
    while (size >= 16) {
      try {
        localStorage.setItem(`junk-${n++}`, 'x'.repeat(size));
      } catch {
        size >>= 1;
      }
    }
  });
  const marker = `# kept-after-reload-${Date.now()}`;
  await replaceEditorText(page, `${marker}\napiVersion: v1\nkind: Service\nmetadata: {name: full}\nspec: {ports: [{port: 80}]}\n`);
  await expect(page.getByTestId('save-failed')).toContainText('Saving failed');
  await expect(page.getByTestId('save-failed').getByRole('button', { name: 'Download the scenario' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('region', { name: 'Scenario editor' }).locator('.monaco-editor .view-lines')).toContainText(marker);
});
