import type { Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { test, expect, openApp } from './fixtures';
import { LESSONS, lessonById } from '../src/scenarios/lessons/index';

/** The guided start: a first visit's card, the lessons in the picker, the header's Next lesson. */
test.use({ startCard: true });

const card = (page: Page) => page.getByRole('dialog', { name: 'Start here' });
const lesson0 = lessonById('00-hooks-tables-chains')!;

test('a first visit opens with the Start here card; Start the first lesson opens lesson 0, and the card does not come back', async ({ page, net }) => {
  await page.goto('/');
  await expect(card(page)).toBeVisible();
  await expect(card(page)).toContainText('kube-proxy’s real iptables rules');
  await expect(card(page).getByRole('button', { name: 'Explore on my own' })).toBeVisible();
  await card(page).getByRole('button', { name: 'Start the first lesson' }).click();
  await expect(card(page)).toBeHidden();
  await expect(page.getByLabel('Scenario', { exact: true })).toHaveValue(lesson0.id);
  const region = page.getByRole('region', { name: 'Lesson' });
  await expect(region.getByRole('heading', { name: lesson0.title.en })).toBeVisible();
  await expect(region).toContainText('Lesson 0');
  // Lesson 0 comes before any iptables syntax and points at the hook diagram.
  await expect(region).toContainText('A hook is a fixed point on the kernel’s path');

  await page.reload();
  await expect(page.getByTestId('engine-info')).toBeVisible();
  await expect(card(page)).toBeHidden();
  await expect(page.getByLabel('Scenario', { exact: true })).toHaveValue(lesson0.id);
  expect(net.consoleErrors).toEqual([]);
});

test('Explore on my own keeps the sandbox, is remembered, and the keyboard help brings the card back', async ({ page, net }) => {
  await page.goto('/');
  await card(page).getByRole('button', { name: 'Explore on my own' }).click();
  await expect(card(page)).toBeHidden();
  await expect(page.getByLabel('Scenario', { exact: true })).toHaveValue('own');
  await page.reload();
  await expect(page.getByRole('region', { name: 'Scenario editor' }).locator('.monaco-editor')).toBeVisible();
  await expect(card(page)).toBeHidden();

  await page.getByRole('button', { name: 'Keyboard shortcuts' }).click();
  await page.getByRole('button', { name: 'Show the “Start here” card again' }).click();
  await expect(card(page)).toBeVisible();
  // Esc counts as exploring.
  await page.keyboard.press('Escape');
  await expect(card(page)).toBeHidden();
  await expect(page.getByLabel('Scenario', { exact: true })).toHaveValue('own');
  expect(net.consoleErrors).toEqual([]);
});

test('a link is a destination: a first visit through a lesson link opens the lesson without the card', async ({ page }) => {
  await page.goto('/#lesson=03-nodeport');
  await expect(page.getByLabel('Scenario', { exact: true })).toHaveValue('03-nodeport');
  await expect(page.getByRole('region', { name: 'Lesson' })).toBeVisible();
  await expect(card(page)).toBeHidden();
});

test('the picker groups numbered lessons and your scenarios; answering every question marks a lesson done; Next lesson goes on', async ({ page, net }) => {
  await page.goto('/');
  await card(page).getByRole('button', { name: 'Start the first lesson' }).click();
  const picker = page.getByLabel('Scenario', { exact: true });
  await expect(picker.locator('optgroup')).toHaveCount(2);
  await expect(picker.locator('optgroup').nth(0)).toHaveAttribute('label', 'Lessons');
  await expect(picker.locator('optgroup').nth(1)).toHaveAttribute('label', 'Your scenarios');
  // Every lesson of the catalog, numbered (0 … 13 since the stale-UDP lesson).
  await expect(picker.locator('optgroup').nth(0).locator('option')).toHaveCount(LESSONS.length);
  await expect(picker.locator('option').first()).toHaveText(`0. ${lesson0.title.en}`);
  await expect(picker.locator('optgroup').nth(1).locator('option[value="own"]')).toHaveText('My scenario');

  const region = page.getByRole('region', { name: 'Lesson' });
  for (const q of lesson0.questions) {
    const question = region.getByRole('group', { name: q.prompt.en });
    await question.getByRole('radio', { name: q.choices.find((c) => c.id === q.correct)!.text.en, exact: true }).check();
    await question.getByRole('button', { name: 'Check', exact: true }).click();
    await expect(question.getByTestId('lesson-reveal')).toContainText('Correct');
  }
  await expect(picker.locator(`option[value="${lesson0.id}"]`)).toHaveText(`0. ${lesson0.title.en} ✓`);
  await expect(picker.locator('option[value="01-clusterip"]')).not.toContainText('✓');

  await page.getByRole('button', { name: 'Next lesson' }).click();
  await expect(picker).toHaveValue('01-clusterip');
  await expect(region.getByRole('heading', { name: lessonById('01-clusterip')!.title.en })).toBeVisible();
  // The mark is kept across visits.
  await page.reload();
  await expect(page.getByTestId('engine-info')).toBeVisible();
  await expect(picker.locator(`option[value="${lesson0.id}"]`)).toHaveText(`0. ${lesson0.title.en} ✓`);
  expect(net.consoleErrors).toEqual([]);
});

test('without the card (tests and returning visitors), the app opens straight to the editor', async ({ browser }) => {
  const context = await browser.newContext();
  // A returning visitor: their own scenario is saved from before the card existed.
  await context.addInitScript(() => window.localStorage.setItem('kpl.scenario.v1', '# mine\n'));
  const page = await context.newPage();
  await openApp(page);
  await expect(card(page)).toBeHidden();
  await context.close();
});

test('axe: the card has no serious or critical WCAG 2.1 A/AA violation, in English and in Korean', async ({ page }) => {
  await page.goto('/');
  await expect(card(page)).toBeVisible();
  // The card's name follows the language it is switched to.
  const anyCard = page.locator('dialog.start-card');
  for (const lang of ['English', '한국어']) {
    await anyCard.getByRole('button', { name: lang, exact: true }).click();
    await expect(anyCard.getByRole('button', { name: lang, exact: true })).toHaveAttribute('aria-pressed', 'true');
    const results = await new AxeBuilder({ page }).include('.start-card').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`), lang).toEqual([]);
  }
  await expect(page.getByRole('dialog', { name: '여기서 시작하세요' })).toBeVisible();
});
