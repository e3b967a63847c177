import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { test, expect, openApp, replaceEditorText } from './fixtures';
import { LESSONS, lessonById } from '../src/scenarios/lessons/index';
import { lessonNumber } from '../src/scenarios/lessons/catalog';
import type { Lesson } from '../src/scenarios/lessons/types';

/** A lesson's scenario file (Vite bundles it for the page; here Node reads it, as lessons.test.ts does). */
function lessonYaml(id: string): string {
  return readFileSync(join(import.meta.dirname, '../src/scenarios/lessons', `${id}.yaml`), 'utf8');
}

/** The first line of a lesson's scenario (its comment), as the editor shows it. */
const firstLine = (lesson: Lesson): string => lessonYaml(lesson.id).split('\n')[0]!;

const lessonRegion = (page: Page) => page.getByRole('region', { name: 'Lesson' });
const editorLines = (page: Page) => page.getByRole('region', { name: 'Scenario editor' }).locator('.monaco-editor .view-lines');

/**
 * Opens the app at `path`. With a lesson open the left column shows the Lesson tab, so this waits for
 * Monaco to be loaded (behind the YAML tab) rather than visible, as fixtures.ts's openApp does.
 */
async function openAt(page: Page, path: string): Promise<void> {
  await page.goto(path);
  await expect(page.getByTestId('engine-info')).toBeVisible();
  await expect(page.locator('[data-testid="editor-host"] .monaco-editor')).toBeAttached();
}

async function axeClean(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).exclude('.monaco-editor').analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => `${n.target.join(' ')} ${n.failureSummary ?? ''}`).join(' | ')}`)).toEqual([]);
}

for (const lesson of LESSONS) {
  test(`lesson ${lesson.id} opens by URL, sends its packet and checks its first question against the engine`, async ({ page, net }) => {
    await openAt(page, `/#lesson=${lesson.id}`);
    await expect(page.getByLabel('Scenario', { exact: true })).toHaveValue(lesson.id);
    const region = lessonRegion(page);
    await expect(region).toBeVisible();
    await expect(region.getByRole('heading', { name: lesson.title.en })).toBeVisible();
    await expect(region).toContainText(`Lesson ${lessonNumber(lesson.id)}`);
    // The link is read once: a reload must not open it again over the user's work.
    expect(new URL(page.url()).hash).toBe('');

    // The pickers start on the lesson's first connection.
    const first = lesson.sends.find((s) => s.kind === 'connection')!;
    // (The pickers get the lesson's values once the worker has loaded its scenario.)
    await expect(page.getByLabel('From', { exact: true })).toHaveValue(first.from);
    const to = page.getByLabel('To', { exact: true });
    // `svc:9000` is offered as `svc.default:9000`.
    const canonicalTo = first.to.replace(/^([^.:]+):(\d+)$/, '$1.default:$2');
    await expect.poll(async () => [first.to, canonicalTo].includes(await to.inputValue())).toBe(true);

    await page.getByRole('button', { name: 'Send packet', exact: true }).click();
    await expect(page.getByTestId('packet-panel')).toBeVisible();
    await expect(page.getByRole('status', { name: 'Narration' })).not.toHaveText('');

    const q = lesson.questions[0]!;
    const correct = q.choices.find((c) => c.id === q.correct)!;
    const question = region.getByRole('group', { name: q.prompt.en });
    await question.getByRole('radio', { name: correct.text.en, exact: true }).check();
    await question.getByRole('button', { name: 'Check', exact: true }).click();
    const reveal = question.getByTestId('lesson-reveal');
    await expect(reveal).toContainText('Correct');
    await expect(reveal).toContainText(q.reveal.en);
    await expect(reveal).toContainText('The engine observed');
    await expect(question.locator('.lesson-choice.is-right')).toContainText(correct.text.en);
    expect(net.consoleErrors).toEqual([]);
  });
}

test('a wrong answer is marked wrong, with the engine\'s answer and the value it saw', async ({ page }) => {
  await openAt(page, '/#lesson=03-nodeport');
  const q = lessonById('03-nodeport')!.questions[0]!;
  const wrong = q.choices.find((c) => c.id !== q.correct)!;
  const question = lessonRegion(page).getByRole('group', { name: q.prompt.en });
  await question.getByRole('radio', { name: wrong.text.en, exact: true }).check();
  await question.getByRole('button', { name: 'Check', exact: true }).click();
  await expect(question.getByTestId('lesson-reveal')).toContainText('Not quite');
  await expect(question.getByTestId('lesson-reveal')).toContainText('172.18.0.3');
  await expect(question.locator('.lesson-choice.is-wrong')).toContainText(wrong.text.en);
});

test('a step jumps playback to the hop it explains', async ({ page, net }) => {
  await openAt(page, '/#lesson=03-nodeport');
  const region = lessonRegion(page);
  // Step 4: KUBE-SEP rewrites the destination (DNAT) on myk8s-worker; it also shows the study note beside it.
  const step = region.locator('.lesson-step').nth(3);
  await expect(step).toContainText('What the study note says');
  await expect(step).toContainText('What the kernel does');
  await step.getByRole('button', { name: 'Show this hop' }).click();
  await expect(step).toHaveAttribute('aria-current', 'step');
  const packet = page.getByRole('region', { name: 'Packet' });
  await expect(packet.getByTestId('packet-effect')).toContainText('DNAT');
  await expect(packet.getByTestId('packet-location')).toContainText('myk8s-worker');
  expect(await page.evaluate(() => window.__kplClock?.isPlaying())).toBe(false);
  // A step of the second send ('local', seed 2) runs that send first, then seeks.
  const last = region.locator('.lesson-step').last();
  await last.getByRole('button', { name: 'Show this hop' }).click();
  await expect(packet.getByTestId('packet-effect')).toContainText('MASQUERADE');
  await expect(page.getByRole('status', { name: 'Narration' })).toContainText('10.10.1.1');
  expect(net.consoleErrors).toEqual([]);
});

test('switching to a lesson keeps the user\'s own text; Reset lesson restores the lesson\'s', async ({ page }) => {
  await openApp(page);
  const own = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: my-own-pod-kept\n';
  await replaceEditorText(page, own);
  await expect(editorLines(page)).toContainText('my-own-pod-kept');

  await page.getByLabel('Scenario', { exact: true }).selectOption('01-clusterip');
  await expect(lessonRegion(page)).toBeVisible();
  await page.getByRole('tab', { name: 'YAML' }).click();
  await expect(editorLines(page)).toContainText(firstLine(lessonById('01-clusterip')!));

  // Lessons are sandboxes: edit freely, then Reset lesson.
  await replaceEditorText(page, '# my experiment\n' + lessonYaml('01-clusterip'));
  // The paste leaves the cursor (and the view) at the end.
  await page.keyboard.press('ControlOrMeta+Home');
  await expect(editorLines(page)).toContainText('# my experiment');
  await page.getByRole('tab', { name: 'Lesson' }).click();
  await expect(lessonRegion(page)).toContainText('You edited this lesson');
  await lessonRegion(page).getByRole('button', { name: 'Reset lesson' }).click();
  await page.getByRole('tab', { name: 'YAML' }).click();
  await expect(editorLines(page)).not.toContainText('# my experiment');
  await expect(editorLines(page)).toContainText(firstLine(lessonById('01-clusterip')!));

  await page.getByLabel('Scenario', { exact: true }).selectOption('own');
  await expect(lessonRegion(page)).toBeHidden();
  await expect(editorLines(page)).toContainText('my-own-pod-kept');
  await page.reload();
  await expect(editorLines(page)).toContainText('my-own-pod-kept');
});

test('Korean: the lesson text and the lesson UI follow the language', async ({ page }) => {
  await openAt(page, '/#lesson=03-nodeport');
  await page.getByLabel('Language').selectOption('ko');
  const region = lessonRegion(page);
  const lesson = lessonById('03-nodeport')!;
  await expect(region.getByRole('heading', { name: lesson.title.ko })).toBeVisible();
  await expect(region).toContainText(lesson.summary.ko);
  await expect(region).toContainText('레슨 3');
  await expect(region).toContainText('스터디 노트의 설명');
  await expect(region.getByRole('button', { name: '확인' }).first()).toBeVisible();
  await expect(page.getByRole('tab', { name: '레슨' })).toBeVisible();
  await expect(page.getByLabel('Scenario', { exact: true }).locator('option[value="03-nodeport"]')).toHaveText(`3. ${lesson.title.ko}`);
  const q = lesson.questions[0]!;
  const question = region.getByRole('group', { name: q.prompt.ko });
  await question.getByRole('radio', { name: q.choices.find((c) => c.id === q.correct)!.text.ko, exact: true }).check();
  await question.getByRole('button', { name: '확인' }).click();
  await expect(question.getByTestId('lesson-reveal')).toContainText('정답');
  await expect(question.getByTestId('lesson-reveal')).toContainText(q.reveal.ko);
});

test('classroom mode: larger type, 1–9 open lessons, Hide editor, Esc leaves', async ({ page, net }) => {
  await openApp(page);
  const classroom = page.getByRole('button', { name: 'Classroom' });
  await classroom.click();
  await expect(classroom).toHaveAttribute('aria-pressed', 'true');
  await expect(page.locator('.app')).toHaveClass(/is-classroom/);
  // 20 px on large screens, 18 px at 1280 × 720 (the default viewport): either way larger than the usual 14 px.
  expect(parseFloat(await page.evaluate(() => getComputedStyle(document.documentElement).fontSize))).toBeGreaterThanOrEqual(18);

  await page.getByRole('button', { name: 'Hide editor' }).click();
  await expect(page.getByRole('region', { name: 'Scenario editor' })).toBeHidden();
  // Without a lesson the diagrams take the editor's place.
  await expect(page.getByRole('region', { name: 'Netfilter hooks' })).toBeVisible();

  await page.locator('body').press('3');
  await expect(page.getByLabel('Scenario', { exact: true })).toHaveValue('03-nodeport');
  await expect(lessonRegion(page)).toBeVisible();
  await page.locator('body').press('9');
  await expect(page.getByLabel('Scenario', { exact: true })).toHaveValue('09-hairpin');
  await expect(lessonRegion(page).getByRole('heading', { name: lessonById('09-hairpin')!.title.en })).toBeVisible();

  // Space and the arrows keep playing and stepping.
  await page.getByRole('button', { name: 'Send packet', exact: true }).click();
  await expect(page.getByTestId('packet-panel')).toBeVisible();
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  const timeline = page.getByLabel('Timeline', { exact: true });
  const at = Number(await timeline.inputValue());
  await page.locator('body').press('ArrowRight');
  await expect.poll(async () => Number(await timeline.inputValue())).toBe(at + 1);

  await page.locator('body').press('Escape');
  await expect(classroom).toHaveAttribute('aria-pressed', 'false');
  await expect(page.locator('.app')).not.toHaveClass(/is-classroom/);
  // Outside classroom mode digits are just digits.
  await page.locator('body').press('2');
  await expect(page.getByLabel('Scenario', { exact: true })).toHaveValue('09-hairpin');
  expect(net.consoleErrors).toEqual([]);
});

test('axe: no serious or critical violation on a lesson, with a question revealed', async ({ page }) => {
  await openAt(page, '/#lesson=03-nodeport');
  // The DNAT step (step 4), with its study-note comparison on screen.
  await lessonRegion(page).locator('.lesson-step').nth(3).getByRole('button', { name: 'Show this hop' }).click();
  await expect(page.getByTestId('packet-effect')).toContainText('DNAT');
  const q = lessonById('03-nodeport')!.questions[0]!;
  const question = lessonRegion(page).getByRole('group', { name: q.prompt.en });
  await question.getByRole('radio').first().check();
  await question.getByRole('button', { name: 'Check', exact: true }).click();
  await expect(question.getByTestId('lesson-reveal')).toBeVisible();
  await axeClean(page);
});

test('axe: no serious or critical violation in classroom mode, light and dark', async ({ page }) => {
  await openAt(page, '/#lesson=01-clusterip');
  await page.getByRole('button', { name: 'Classroom' }).click();
  await page.getByRole('button', { name: 'Hide editor' }).click();
  await lessonRegion(page).locator('.lesson-step').first().getByRole('button', { name: 'Show this hop' }).click();
  await expect(page.getByTestId('packet-effect')).toBeVisible();
  await axeClean(page);
  await page.getByLabel('Theme').selectOption('dark');
  await axeClean(page);
});
