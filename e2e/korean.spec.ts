import type { Page } from '@playwright/test';
import { test, expect, replaceEditorText } from './fixtures';
import { englishOnPage, leaksIn, pendingFixed } from './korean-text';
import { lessonById } from '../src/scenarios/lessons/index';
import { startMessages } from '../src/app/start/messages';
import { lessonMessages } from '../src/app/lessons/messages';
import { shareMessages } from '../src/app/share/messages';

/**
 * The Korean UI speaks Korean: a first visit's card, lesson 0 with a checked question, a whole traced
 * connection, a spread, broken YAML in the editor and a broken share link, each scanned for English outside code (korean-text.ts).
 * The browser asks for Korean (locale ko-KR), as a Korean reader's does; the page must load Noto Sans KR
 * from this server only.
 */
test.use({ locale: 'ko-KR', startCard: true });

const ko = { start: startMessages.ko, lesson: lessonMessages.ko, share: shareMessages.ko };
const lesson0 = lessonById('00-hooks-tables-chains')!;

async function noEnglish(page: Page, where: string): Promise<void> {
  const leaks = await englishOnPage(page);
  expect([...new Set(leaks.map((l) => `${l.word} — in “${l.text}” (${l.where})`))], `English in the Korean UI (${where})`).toEqual([]);
}

test('the scan finds English where it leaks, and lets code, names and addresses be', () => {
  expect(leaksIn(['연결 결과 ✓ delivered']).map((l) => l.word)).toEqual(['delivered']);
  expect(leaksIn(['엔진이 관찰한 값: matched (1)']).map((l) => l.word)).toEqual(['matched']);
  expect(leaksIn(['net-pod가 svc-clusterip(10.200.1.100:9000)로 SYN을 보냅니다. KUBE-SVC-KBDEBIL6IU6WL7RF, myk8s-worker2, nat 테이블'])).toEqual([]);
});

test('Korean from the first visit on: the start card, lesson 0 and its check, the whole connection', async ({ page, net }) => {
  await page.goto('/');
  const card = page.getByRole('dialog', { name: ko.start.title });
  await expect(card).toBeVisible();
  await expect(card).toContainText(ko.start.what[0]);
  await noEnglish(page, 'start card');

  // The bundled Korean font is in use (this machine may have no Korean font of its own).
  await expect.poll(() => page.evaluate(() => document.fonts.check('16px "Noto Sans KR"', '한국어'))).toBe(true);
  expect(await page.evaluate(() => [...document.fonts].some((f) => f.family.replace(/"/g, '') === 'Noto Sans KR' && f.status === 'loaded'))).toBe(true);

  await card.getByRole('button', { name: ko.start.startLesson }).click();
  await expect(card).toBeHidden();
  await expect(page.getByLabel('Scenario', { exact: true })).toHaveValue(lesson0.id);
  const region = page.getByRole('region', { name: 'Lesson' });
  await expect(region.getByRole('heading', { name: lesson0.title.ko })).toBeVisible();
  await expect(region).toContainText(ko.lesson.lessonN(0));

  // The lesson's connection, played to its end: every packet's fate and the outcome are on screen.
  await region.getByRole('button', { name: lesson0.sends[0]!.title.ko }).click();
  await expect(page.getByTestId('packet-panel')).toBeVisible();
  const timeline = page.getByLabel('Timeline', { exact: true });
  await timeline.focus();
  await page.keyboard.press('End');
  await expect(page.getByTestId('packet-fate')).toBeVisible();
  await expect(page.getByTestId('packet-outcome')).toBeVisible();

  // A question, checked: the reveal and the engine's observation.
  const q = lesson0.questions[2]!;
  const question = region.getByRole('group', { name: q.prompt.ko });
  await question.getByRole('radio', { name: q.choices.find((c) => c.id === q.correct)!.text.ko, exact: true }).check();
  await question.getByRole('button', { name: ko.lesson.check, exact: true }).click();
  const reveal = question.getByTestId('lesson-reveal');
  await expect(reveal).toContainText(ko.lesson.correct);
  await expect(reveal).toContainText(`${ko.lesson.engineSays}:`);

  await noEnglish(page, 'lesson 0, a checked question, the connection at its end');
  // Everything is on screen now, the places still skipped included: each must still be a leak.
  expect(await pendingFixed(page), 'places that speak Korean now: remove them from PENDING in korean-text.ts').toEqual([]);
  expect(net.consoleErrors).toEqual([]);
});

test('a spread, broken YAML and a broken share link in Korean', async ({ page, net }) => {
  await page.goto('/');
  await page.getByRole('dialog', { name: ko.start.title }).getByRole('button', { name: ko.start.explore }).click();
  const spread = page.getByRole('region', { name: 'Spread' });
  await spread.getByLabel('Spread from').selectOption('net-pod');
  await spread.getByLabel('Spread to').selectOption('svc-clusterip.default:9000');
  await spread.getByRole('button', { name: '1,000', exact: true }).click();
  await spread.locator('button.spread-run, button').filter({ hasText: '분산 실행' }).first().click();
  await expect(spread.getByTestId('spread-bar')).toHaveCount(3);
  await noEnglish(page, 'a spread of 1,000 connections');

  // Broken YAML in the editor: the parser's own messages (by their code) in Korean, at their line:col.
  await replaceEditorText(page, 'apiVersion: v1\nkind: Pod\nmetadata\n  name: web\n---\nkind: Pod\nkind: Service\n');
  const notice = page.getByTestId('last-valid-notice');
  await expect(notice).toContainText(/3:1 YAML: 키는 한 줄에 있어야 합니다/);
  await expect(notice).toContainText('(+1)');
  await expect(page.getByTestId('outline-summary')).toContainText(/\d+:\d+ 키는 한 줄에 있어야 합니다/);
  await noEnglish(page, 'broken YAML in the editor');

  // A link cut off when it was copied.
  await page.goto('/#s1.N4Ig%%%%');
  const alert = page.getByTestId('share-error');
  await expect(alert).toContainText(ko.share.brokenTitle);
  await noEnglish(page, 'a broken share link');
  expect(net.consoleErrors).toEqual([]);
});
