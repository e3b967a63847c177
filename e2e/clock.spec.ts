import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect, openApp, replaceEditorText } from './fixtures';
import { lessonById } from '../src/scenarios/lessons/index';
import { clockMessages } from '../src/app/packet/clock-messages';

/**
 * Time in the lab: Wait… moves the worker's simulated clock between connections and the Conntrack panel
 * counts down, then shows the entries the kernel reaped; editing the document while entries exist keeps
 * the tables and shows kube-proxy's UDP cleanup; lesson 13's sends delete a pod between queries. In
 * English and in Korean.
 */

const LESSON_13 = readFileSync(join(import.meta.dirname, '../src/scenarios/lessons/13-stale-udp.yaml'), 'utf8');
/** Lesson 13's text without one pod's document, as a learner deletes it in the editor. */
const withoutPod = (name: string): string => LESSON_13.split('\n---\n').filter((doc) => !doc.includes(`name: ${name}\n`)).join('\n---\n');

const conntrack = (page: Page) => page.getByRole('region', { name: 'Conntrack' });

async function send(page: Page, from: string, to: string): Promise<void> {
  await page.getByLabel('From', { exact: true }).selectOption(from);
  await page.getByLabel('To', { exact: true }).selectOption(to);
  await page.getByRole('button', { name: 'Send packet', exact: true }).click();
  await expect(page.getByTestId('packet-panel')).toBeVisible();
  // Straight to the connection's end, where its outcome shows.
  await page.getByLabel('Timeline', { exact: true }).focus();
  await page.keyboard.press('End');
}

async function waitFor(page: Page, preset: string): Promise<void> {
  await page.getByRole('button', { name: 'Wait…', exact: true }).click();
  await page.getByRole('button', { name: preset, exact: true }).click();
}

test.describe('in English', () => {
  const en = clockMessages('en');

  test('Wait… counts the entries down, then TIME_WAIT ends and conntrack -E shows what went', async ({ page, net }) => {
    await openApp(page);
    await send(page, 'net-pod', 'svc-clusterip.default:9000');
    const wait = page.getByRole('button', { name: 'Wait…', exact: true });
    await expect(wait).toBeEnabled();
    await expect(wait).toHaveAttribute('title', en.waitHint);

    await waitFor(page, '30 s');
    const note = conntrack(page).getByTestId('conntrack-change');
    await expect(note).toContainText(en.waited({ seconds: 30, expired: 0 }));
    await expect(conntrack(page)).toContainText(/tcp\s+6 89 TIME_WAIT src=10\.10\.0\.4 dst=10\.200\.1\.100 /);
    await expect(conntrack(page)).toContainText(en.tablesAfter('wait'));
    // The connection on screen is over: playback has nothing left to play.
    await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeDisabled();

    await waitFor(page, '2 min');
    await expect(note).toContainText(en.waited({ seconds: 120, expired: 2 }));
    await expect(note).toContainText(/\[DESTROY\] tcp\s+6 TIME_WAIT src=10\.10\.0\.4 dst=10\.200\.1\.100 /);
    await expect(conntrack(page).getByTestId('conntrack-row')).toHaveCount(0);

    // A custom number of seconds; Escape closes the choices.
    await page.getByRole('button', { name: 'Wait…', exact: true }).click();
    await page.getByRole('spinbutton', { name: en.seconds }).fill('7.5');
    await page.getByRole('button', { name: en.waitCustom, exact: true }).click();
    await expect(note).toContainText(en.waited({ seconds: 7.5, expired: 0 }));
    await expect(note).toContainText(en.clock('157.508'));
    await page.getByRole('button', { name: 'Wait…', exact: true }).click();
    await expect(page.getByRole('button', { name: '1 s', exact: true })).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(page.getByRole('button', { name: '1 s', exact: true })).toBeHidden();

    // The next connection starts from the aged tables; the note goes with the new trace.
    await send(page, 'net-pod', 'svc-clusterip.default:9000');
    await expect(note).toBeHidden();
    expect(net.consoleErrors).toEqual([]);
  });

  test('deleting a pod in the editor keeps the tables: kube-proxy deletes the stale UDP entry, the next query reaches the other pod', async ({ page }) => {
    await openApp(page);
    await replaceEditorText(page, LESSON_13);
    await expect(page.getByLabel('From', { exact: true }).locator('option[value="dns-client"]')).toHaveCount(1);
    await send(page, 'dns-client', 'udp-echo.default:5353');
    await expect(page.getByTestId('packet-outcome')).toContainText('udp-echo2');

    await replaceEditorText(page, withoutPod('udp-echo2'));
    const note = conntrack(page).getByTestId('conntrack-change');
    await expect(note).toContainText(clockMessages('en').cleaned(1));
    await expect(note).toContainText('conntrack -D -p udp --orig-dst 10.200.1.100 --orig-port-dst 5353 --reply-src 10.10.2.2');
    await expect(note).toContainText(/udp\s+17 \d+ src=10\.10\.0\.5 dst=10\.200\.1\.100 sport=\d+ dport=5353 .*src=10\.10\.2\.2/);
    // The entry on udp-echo2's own node was addressed to the pod, not the Service: it stays.
    await expect(conntrack(page).getByRole('tab', { name: /myk8s-worker2/ })).toBeVisible();

    await send(page, 'dns-client', 'udp-echo.default:5353');
    await expect(page.getByTestId('packet-outcome')).toContainText('udp-echo1');
  });

  test('lesson 13: the send after udp-echo2 is deleted reaches udp-echo1; after both, the stale entry sends it nowhere', async ({ page }) => {
    const lesson = lessonById('13-stale-udp')!;
    await openApp(page);
    await page.getByLabel('Scenario', { exact: true }).selectOption(lesson.id);
    const region = page.getByRole('region', { name: 'Lesson' });
    const toEnd = async (): Promise<void> => {
      await expect(page.getByTestId('packet-panel')).toBeVisible();
      await page.getByLabel('Timeline', { exact: true }).focus();
      await page.keyboard.press('End');
    };
    await region.getByRole('button', { name: lesson.sends[1]!.title.en }).click();
    await toEnd();
    await expect(page.getByTestId('packet-outcome')).toContainText('udp-echo1');
    await region.getByRole('button', { name: lesson.sends[2]!.title.en }).click();
    await toEnd();
    await expect(page.getByTestId('packet-outcome')).toContainText(/no route|no-route/i);
  });
});

test.describe('in Korean', () => {
  test.use({ locale: 'ko-KR' });
  const ko = clockMessages('ko');

  test('기다리기…: the same countdown and expiry, in Korean', async ({ page }) => {
    await openApp(page);
    await send(page, 'net-pod', 'svc-clusterip.default:9000');
    const wait = page.getByRole('button', { name: 'Wait…', exact: true });
    await expect(wait).toHaveText(/기다리기…/);
    await wait.click();
    await expect(page.getByRole('group', { name: ko.wait })).toBeVisible();
    await page.getByRole('button', { name: '30초', exact: true }).click();
    const note = conntrack(page).getByTestId('conntrack-change');
    await expect(note).toContainText(ko.waited({ seconds: 30, expired: 0 }));
    await expect(note).toContainText(ko.noneExpired);
    await expect(conntrack(page)).toContainText(ko.tablesAfter('wait'));

    await waitFor(page, '2분');
    await expect(note).toContainText(ko.waited({ seconds: 120, expired: 2 }));
    await expect(note).toContainText(ko.expiredHeading);
    await expect(note).toContainText(/\[DESTROY\] tcp\s+6 TIME_WAIT /);
  });

  test('파드를 지우면: kube-proxy의 정리, in Korean', async ({ page }) => {
    await openApp(page);
    await replaceEditorText(page, LESSON_13);
    await expect(page.getByLabel('From', { exact: true }).locator('option[value="dns-client"]')).toHaveCount(1);
    await send(page, 'dns-client', 'udp-echo.default:5353');
    await replaceEditorText(page, withoutPod('udp-echo2'));
    const note = conntrack(page).getByTestId('conntrack-change');
    await expect(note).toContainText(ko.cleaned(1));
    await expect(note).toContainText(ko.tcpStays);
    await expect(note).toContainText(ko.cleanupHeading);
  });
});
