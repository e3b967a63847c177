import { expect, openApp, test } from './fixtures';

test('works with no network after the first visit (service worker precache)', async ({ page, context, net }) => {
  await openApp(page);
  // The first visit installs the service worker, which precaches every built file (Monaco included).
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await expect(page.getByRole('status', { name: 'App update' })).toContainText(/works offline/);
  await context.setOffline(true);
  await page.reload();
  await expect(page.getByRole('region', { name: 'Scenario editor' }).locator('.monaco-editor')).toBeVisible();
  await expect(page.getByTestId('engine-info')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Chain graph' }).getByRole('button', { name: /^KUBE-SVC-/ }).first()).toBeVisible();
  expect(await page.evaluate(() => navigator.onLine)).toBe(false);
  await context.setOffline(false);
  expect(net.consoleErrors.filter((e) => !/ERR_INTERNET_DISCONNECTED|Failed to fetch/.test(e))).toEqual([]);
});
