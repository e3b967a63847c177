import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect, openApp, replaceEditorText } from './fixtures';
import LZString from 'lz-string';
import type { SharedState } from '../src/app/share/codec';

const DEFAULT_YAML = readFileSync(join(import.meta.dirname, '../src/scenarios/default.yaml'), 'utf8');
const editorLines = (page: Page) => page.getByRole('region', { name: 'Scenario editor' }).locator('.monaco-editor .view-lines');

/** Comment lines of pseudo-random text (deterministic), so a scenario compresses badly and its link is long. */
function noise(chars: number): string {
  let x = 12345;
  const lines: string[] = [];
  let total = 0;
  while (total < chars) {
    let line = '# ';
    for (let i = 0; i < 70; i++) {
      x = (x * 1103515245 + 12345) % 2 ** 31;
      // The high bits: an LCG's low bits repeat with a short period.
      line += Math.floor((x / 2 ** 31) * 36).toString(36);
    }
    lines.push(line);
    total += line.length + 1;
  }
  return lines.join('\n') + '\n';
}

/**
 * A link as another copy of the app would write it: format s1, lz-string's URI-safe encoding of the JSON
 * state (codec.ts). Written out here because lz-string is CommonJS and Node's ESM loader only sees its
 * default export; the page decodes it with the app's own decoder.
 */
function link(state: Partial<SharedState> & { yaml: string }): string {
  const full: SharedState = { seed: 1, step: 0, view: {}, lang: 'en', ...state };
  return `/#s1.${LZString.compressToEncodedURIComponent(JSON.stringify(full))}`;
}

async function sendWorks(page: Page): Promise<void> {
  await expect(page.getByRole('region', { name: 'Scenario editor' }).locator('.monaco-editor')).toBeVisible();
  await page.getByRole('button', { name: 'Send packet', exact: true }).click();
  await expect(page.getByTestId('packet-panel')).toBeVisible();
  await expect(page.getByTestId('packet-location')).toBeVisible();
}

test('Copy share link: a fresh browser opens the same scenario, packet, step and view', async ({ page, browser, net }) => {
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await openApp(page);
  await replaceEditorText(page, `# shared-marker-7431\n${DEFAULT_YAML}`);
  await page.keyboard.press('ControlOrMeta+Home');
  await expect(editorLines(page)).toContainText('shared-marker-7431');
  await page.getByLabel('From', { exact: true }).selectOption('webpod1');
  await page.getByLabel('To', { exact: true }).selectOption('svc-clusterip.default:9000');
  await page.getByRole('button', { name: 'Send packet', exact: true }).click();
  await expect(page.getByTestId('packet-panel')).toBeVisible();
  await page.evaluate(() => {
    window.__kplClock?.pause();
    window.__kplClock?.step(-10_000);
    window.__kplClock?.step(7);
  });
  const timeline = page.getByLabel('Timeline', { exact: true });
  await expect(timeline).toHaveValue('7');
  // Playback moves the node picker along with the hop; while paused the user picks what to look at.
  await page.getByLabel('Node', { exact: true }).selectOption('myk8s-worker2');
  await page.getByRole('region', { name: 'Rules' }).getByRole('tab', { name: 'iptables -L -n -v' }).click();
  const narration = await page.getByRole('status', { name: 'Narration' }).innerText();

  await page.getByRole('button', { name: 'Copy share link' }).click();
  await expect(page.getByTestId('share-status')).toHaveText('Link copied');
  const url = await page.evaluate(() => navigator.clipboard.readText());
  expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#s1\./);

  // Another browser profile: nothing saved, nothing in common but the link.
  const other = await browser.newContext({ reducedMotion: 'reduce' });
  const fresh = await other.newPage();
  const errors: string[] = [];
  fresh.on('pageerror', (e) => errors.push(String(e)));
  await fresh.goto(url);
  await expect(fresh.getByRole('region', { name: 'Scenario editor' }).locator('.monaco-editor')).toBeVisible();
  await expect(editorLines(fresh)).toContainText('shared-marker-7431');
  await expect(fresh.getByLabel('From', { exact: true })).toHaveValue('webpod1');
  await expect(fresh.getByLabel('To', { exact: true })).toHaveValue('svc-clusterip.default:9000');
  await expect(fresh.getByLabel('Timeline', { exact: true })).toHaveValue('7');
  await expect(fresh.getByRole('status', { name: 'Narration' })).toHaveText(narration);
  await expect(fresh.getByLabel('Node', { exact: true })).toHaveValue('myk8s-worker2');
  await expect(fresh.getByRole('region', { name: 'Rules' }).getByRole('tab', { name: 'iptables -L -n -v' })).toHaveAttribute('aria-selected', 'true');
  // Opened in a slot of its own, and read once: a reload shows the saved state, not the link again.
  await expect(fresh.getByLabel('Scenario', { exact: true })).toHaveValue('shared');
  expect(new URL(fresh.url()).hash).toBe('');
  await fresh.getByLabel('Scenario', { exact: true }).selectOption('own');
  await expect(editorLines(fresh)).not.toContainText('shared-marker-7431');
  await expect(editorLines(fresh)).toContainText('The classic study setup');
  expect(errors).toEqual([]);
  await other.close();
  expect(net.consoleErrors).toEqual([]);
});

test('a lesson\'s link opens the lesson; the language comes with the link', async ({ page }) => {
  const yaml = readFileSync(join(import.meta.dirname, '../src/scenarios/lessons/03-nodeport.yaml'), 'utf8');
  await page.goto(link({ yaml, lesson: '03-nodeport', lang: 'ko', packet: { from: 'external', to: 'myk8s-worker:30080' }, step: 5 }));
  await expect(page.getByRole('region', { name: 'Lesson' })).toBeVisible();
  await expect(page.getByLabel('Scenario', { exact: true })).toHaveValue('03-nodeport');
  await expect(page.getByRole('region', { name: 'Lesson' })).toContainText('레슨 3');
  await expect(page.getByLabel('Timeline', { exact: true })).toHaveValue('5');
});

test('a link asks before it takes the place of the user\'s own work, and keeps that work', async ({ page }) => {
  await openApp(page);
  await replaceEditorText(page, 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: my-work-kept\n');
  await expect(editorLines(page)).toContainText('my-work-kept');
  const shared = link({ yaml: `# from-a-colleague\n${DEFAULT_YAML}` });

  await page.goto(shared);
  const dialog = page.getByRole('dialog', { name: 'Open the shared scenario?' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('Your own scenario is kept and you can go back to it');
  await dialog.getByRole('button', { name: 'Keep mine' }).click();
  await expect(dialog).toBeHidden();
  await expect(editorLines(page)).toContainText('my-work-kept');
  expect(new URL(page.url()).hash).toBe('');

  await page.goto(shared);
  await dialog.getByRole('button', { name: 'Open the shared scenario' }).click();
  await page.keyboard.press('ControlOrMeta+Home');
  await expect(editorLines(page)).toContainText('from-a-colleague');
  await page.getByLabel('Scenario', { exact: true }).selectOption('own');
  await expect(editorLines(page)).toContainText('my-work-kept');
  await page.getByLabel('Scenario', { exact: true }).selectOption('shared');
  await expect(editorLines(page)).toContainText('from-a-colleague');
});

test.describe('a link that cannot be opened says why and the app carries on', () => {
  test('corrupted', async ({ page, net }) => {
    await page.goto('/#s1.this-is-not*lz(string)data!!');
    await expect(page.getByRole('alert').filter({ hasText: 'could not be opened' })).toContainText(/damaged|not valid/);
    await sendWorks(page);
    expect(net.consoleErrors).toEqual([]);
  });

  test('truncated (cut off when pasted into a chat)', async ({ page }) => {
    const full = link({ yaml: DEFAULT_YAML, packet: { from: 'net-pod', to: 'svc-clusterip.default:9000' }, step: 3 });
    await page.goto(full.slice(0, Math.floor(full.length / 2)));
    await expect(page.getByTestId('share-error')).toContainText('could not be opened');
    await expect(page.getByTestId('share-error')).toContainText(/damaged|cut off|not valid/);
    await sendWorks(page);
  });

  test('5 MB', async ({ page, net }) => {
    await openApp(page);
    // Chromium refuses to load a 5 MB URL at all; pasting one into the address bar of an open page is a hash change.
    await page.evaluate((hash) => {
      window.location.hash = hash;
    }, `s1.${'A'.repeat(5 * 1024 * 1024)}`);
    await expect(page.getByRole('alert').filter({ hasText: 'could not be opened' })).toContainText('too large');
    expect(new URL(page.url()).hash).toBe('');
    await sendWorks(page);
    expect(net.consoleErrors).toEqual([]);
  });

  test('made by a newer version', async ({ page }) => {
    await page.goto('/#s9.N4IgDghgzgpg');
    await expect(page.getByTestId('share-error')).toContainText('newer version');
    await sendWorks(page);
  });

  test('an unknown lesson', async ({ page }) => {
    await page.goto('/#lesson=99-nope');
    await expect(page.getByTestId('share-error')).toContainText('There is no lesson called “99-nope”');
    await sendWorks(page);
  });
});

test('a long link is copied with a warning; one too large to open is not copied', async ({ page }) => {
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await openApp(page);
  await replaceEditorText(page, noise(20_000) + DEFAULT_YAML);
  await page.getByRole('button', { name: 'Copy share link' }).click();
  await expect(page.getByTestId('share-status')).toContainText('Link copied, but it is long');
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied.length).toBeGreaterThan(8 * 1024);

  // replaceEditorText pastes through the clipboard: mark it afterwards.
  await replaceEditorText(page, noise(140_000) + DEFAULT_YAML);
  await page.evaluate(() => navigator.clipboard.writeText('nothing yet'));
  await page.getByRole('button', { name: 'Copy share link' }).click();
  await expect(page.getByTestId('share-status')).toContainText('too large for a link');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('nothing yet');
});
