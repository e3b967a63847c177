import type { Locator, Page } from '@playwright/test';
import { test, expect, openApp } from './fixtures';
import { smallestText } from './text-size';

/**
 * What a student sees at 1280×720 (a laptop, a classroom projector): the diagrams get the height, the
 * packet's chain is in the chain graph's view with the chain it came from, no empty-state line is cut, the
 * lesson's whole title is in the header, and the Rules panel's tabs name what the page shows in every mode.
 */

type WithClock = { __kplClock: { pause(): void; step(n: number): void } };

const SIZE = { width: 1280, height: 720 };
const graph = (page: Page): Locator => page.getByRole('region', { name: 'Chain graph' });
const rules = (page: Page): Locator => page.getByRole('region', { name: 'Rules' });

interface Box {
  readonly top: number;
  readonly bottom: number;
  readonly left: number;
  readonly right: number;
}

async function box(l: Locator): Promise<Box> {
  return l.evaluate((el) => {
    const r = el.getBoundingClientRect();
    return { top: r.top, bottom: r.bottom, left: r.left, right: r.right };
  });
}

function expectInside(inner: Box, outer: Box, what: string): void {
  const msg = `${what}: ${JSON.stringify(inner)} in ${JSON.stringify(outer)}`;
  expect(inner.top, msg).toBeGreaterThanOrEqual(outer.top - 0.5);
  expect(inner.bottom, msg).toBeLessThanOrEqual(outer.bottom + 0.5);
  expect(inner.left, msg).toBeGreaterThanOrEqual(outer.left - 0.5);
  expect(inner.right, msg).toBeLessThanOrEqual(outer.right + 0.5);
}

/** Text that is not cut: nothing overflows the element's box, and the box is inside `clip` (its scroller). */
async function expectWhole(text: Locator, clip: Locator, what: string): Promise<void> {
  await expect(text).toBeVisible();
  const m = await text.evaluate((el) => ({ sw: el.scrollWidth, cw: el.clientWidth, sh: el.scrollHeight, ch: el.clientHeight, ellipsis: getComputedStyle(el).textOverflow }));
  expect(m.sw, `${what}: scrollWidth ${m.sw} > clientWidth ${m.cw}`).toBeLessThanOrEqual(m.cw);
  expect(m.sh, `${what}: scrollHeight ${m.sh} > clientHeight ${m.ch}`).toBeLessThanOrEqual(m.ch);
  expect(m.ellipsis, what).not.toBe('ellipsis');
  expectInside(await box(text), await box(clip), what);
}

async function setup(page: Page, { lang, lesson, classroom }: { lang: 'en' | 'ko'; lesson?: string; classroom?: boolean }): Promise<void> {
  await page.setViewportSize(SIZE);
  await page.addInitScript((l) => window.localStorage.setItem('kpl.lang.v1', l), lang);
  if (lesson) {
    await page.goto(`/#lesson=${lesson}`);
    await expect(page.getByRole('region', { name: 'Lesson' })).toBeVisible();
    await expect(page.getByTestId('engine-info')).toBeAttached({ timeout: 30_000 });
  } else {
    await openApp(page);
  }
  if (classroom) await page.getByRole('button', { name: 'Classroom' }).click();
}

async function sendDefault(page: Page): Promise<void> {
  await page.getByLabel('From', { exact: true }).selectOption('net-pod');
  await page.getByLabel('To', { exact: true }).selectOption('svc-clusterip.default:9000');
  await page.getByRole('button', { name: 'Send packet', exact: true }).click();
  await expect(page.getByTestId('packet-panel')).toBeVisible();
  await page.evaluate(() => (window as unknown as WithClock).__kplClock.pause());
}

/** One step, drawn (the camera moves a frame after the step; with reduced motion it does not animate). */
async function step(page: Page): Promise<void> {
  await page.evaluate(async () => {
    (window as unknown as WithClock).__kplClock.step(1);
    for (let i = 0; i < 3; i++) await new Promise((r) => requestAnimationFrame(r));
  });
}

const CASES = [
  { name: 'English', lang: 'en' },
  { name: 'Korean, a lesson open', lang: 'ko', lesson: '01-clusterip' },
  { name: 'English, classroom mode', lang: 'en', classroom: true },
  { name: 'Korean, a lesson open, classroom mode', lang: 'ko', lesson: '01-clusterip', classroom: true },
] as const;

for (const c of CASES) {
  test(`1280×720, ${c.name}: the chain graph has the height and keeps the packet's chain (and the one it came from) in view, its text and the hook diagram's readable`, async ({ page, net }) => {
    await setup(page, c);
    const least = 'classroom' in c ? 16 : 12;
    await sendDefault(page);
    const view = graph(page).locator('.react-flow');
    // A row of height for two or three rows of chains: the graph's view was 119 px high here (now 150–175 px:
    // less with a lesson's two-line title in the header, or classroom mode's narration on two lines).
    const height = (await box(view)).bottom - (await box(view)).top;
    expect(height, 'chain graph view height').toBeGreaterThanOrEqual(145);

    const seen = new Set<string>();
    for (let i = 0; i < 40; i++) {
      await step(page);
      await page.waitForTimeout(100);
      // Read in one go: the marks move between two separate reads.
      const at = await graph(page).evaluate((g) => {
        const rect = (e: Element | null | undefined) => {
          if (!e) return undefined;
          const r = e.getBoundingClientRect();
          return { top: r.top, bottom: r.bottom, left: r.left, right: r.right };
        };
        const node = g.querySelector('.chain-node.is-current');
        const forward = [...g.querySelectorAll('.chain-node')].find((n) => n.querySelector('.chain-name')?.textContent === 'FORWARD');
        return node ? { chain: node.querySelector('.chain-name')?.textContent ?? '', node: rect(node)!, forward: rect(forward), view: rect(g.querySelector('.react-flow'))! } : undefined;
      });
      if (!at) continue;
      const chain = at.chain;
      seen.add(chain);
      expectInside(at.node, at.view, `step ${i + 1}: the packet's chain ${chain}`);
      // It was drawn under FORWARD, which the view cut off above it. (Classroom mode's 16 px zoom does not
      // hold both rows in this view: there the packet's chain alone is checked.)
      if (chain === 'KUBE-FORWARD' && !('classroom' in c)) {
        expect(at.forward, 'FORWARD drawn').toBeDefined();
        expectInside(at.forward!, at.view, `step ${i + 1}: FORWARD, which jumped to KUBE-FORWARD`);
      }
      if (chain === 'KUBE-SERVICES' || chain === 'KUBE-FORWARD') {
        for (const region of [graph(page).locator('.react-flow'), page.getByRole('region', { name: 'Netfilter hooks' })]) {
          const smallest = await smallestText(region);
          expect(smallest, `step ${i + 1}: text measured`).toBeDefined();
          expect(smallest!.size, `step ${i + 1}: "${smallest!.text}" at ${smallest!.size} px`).toBeGreaterThanOrEqual(least);
        }
      }
    }
    expect([...seen]).toEqual(expect.arrayContaining(['KUBE-SERVICES', 'KUBE-SVC-KBDEBIL6IU6WL7RF', 'FORWARD', 'KUBE-FORWARD', 'POSTROUTING']));
    expect(net.consoleErrors).toEqual([]);
  });

  test(`1280×720, ${c.name}: the Conntrack panel's empty lines are not cut`, async ({ page }) => {
    await setup(page, c);
    const ct = page.getByRole('region', { name: 'Conntrack' });
    // Before any packet: the panel's hint.
    await expectWhole(ct.locator('.pk-empty'), ct.locator('.panel-body'), 'before any packet');
    // The packet on its first node, before any entry: "No entries on this node."
    await sendDefault(page);
    await step(page);
    await expect(ct.locator('.ct-body .pk-empty')).toBeVisible();
    await expectWhole(ct.locator('.ct-body .pk-empty'), ct.locator('.ct-body'), 'a node without entries');
  });
}

for (const lang of ['en', 'ko'] as const) {
  for (const classroom of [false, true]) {
    test(`1280×720, ${lang}${classroom ? ', classroom mode' : ''}: the header shows every lesson's whole title and every control uncovered`, async ({ page }) => {
      await setup(page, { lang, lesson: '00-hooks-tables-chains', classroom });
      const picker = page.getByLabel('Scenario', { exact: true });
      const face = page.getByTestId('lesson-face');
      const bar = page.locator('.top-bar');
      const ids = await picker.evaluate((s) => [...(s as HTMLSelectElement).options].map((o) => o.value).filter((v) => /^\d\d-/.test(v)));
      expect(ids.length).toBeGreaterThan(20);
      for (const id of ids) {
        await picker.selectOption(id);
        const option = (await picker.locator(`option[value="${id}"]`).textContent())!.trim();
        // The face says what the select holds, all of it (the select's own text is cut at its width).
        await expect(face).toHaveText(option);
        await expectWhole(face, bar, `lesson ${id}`);
        // Two lines, three for the few longest: the header stays a header.
        expect((await box(face)).bottom - (await box(face)).top, `lesson ${id}`).toBeLessThanOrEqual(46);
        // No control covers another (Import sat over the Node picker), and all fit the width.
        const controls = await bar.evaluate((b) =>
          [...b.querySelectorAll('button, select, .lesson-face')]
            .filter((e) => e.checkVisibility({ visibilityProperty: true, opacityProperty: true }) && e.getBoundingClientRect().width > 1)
            .map((e) => {
              const r = e.getBoundingClientRect();
              return { name: e.getAttribute('aria-label') ?? e.textContent?.trim() ?? e.tagName, left: r.left, right: r.right, top: r.top, bottom: r.bottom, sw: e.scrollWidth, cw: e.clientWidth };
            }),
        );
        const shown = controls.filter((k) => k.name !== 'Scenario');
        for (const [i, a] of shown.entries()) {
          expect(a.right, `${a.name} inside the window`).toBeLessThanOrEqual(SIZE.width);
          for (const b of shown.slice(i + 1)) {
            const overlap = Math.min(a.right, b.right) - Math.max(a.left, b.left) > 1 && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 1;
            expect(overlap, `lesson ${id}: ${a.name} overlaps ${b.name}`).toBe(false);
          }
        }
      }
    });
  }
}

/**
 * How much of a select's chosen option shows: its width and the width it takes to show that option whole
 * (a copy holding only that option, free of the header's limits, measured beside it). A closed select cuts
 * its text at its width without saying so (scrollWidth is its clientWidth), hence the copy.
 */
async function selectedTextRoom(select: Locator): Promise<{ text: string; width: number; needed: number }> {
  return select.evaluate((el) => {
    const s = el as HTMLSelectElement;
    const text = s.selectedOptions[0]?.textContent ?? '';
    const copy = s.cloneNode(false) as HTMLSelectElement;
    copy.removeAttribute('aria-label');
    copy.append(new Option(text));
    copy.style.cssText = 'position: absolute; visibility: hidden; width: auto; min-width: 0; max-width: none; flex: none;';
    s.after(copy);
    const needed = copy.getBoundingClientRect().width;
    copy.remove();
    return { text, width: s.getBoundingClientRect().width, needed };
  });
}

for (const lang of ['en', 'ko'] as const) {
  for (const classroom of [false, true]) {
    test(`1280×720, ${lang}${classroom ? ', classroom mode' : ''}: the Node picker shows the whole name of every node, with and without a lesson`, async ({ page }) => {
      await setup(page, { lang, classroom });
      const node = page.getByRole('banner').getByLabel(lang === 'en' ? 'Node' : '노드', { exact: true });
      const bar = page.locator('.top-bar');
      const names = await node.evaluate((s) => [...(s as HTMLSelectElement).options].map((o) => o.value));
      expect(names).toEqual(expect.arrayContaining(['myk8s-control-plane', 'myk8s-worker', 'myk8s-worker2']));
      // A lesson's Next lesson button takes the header's room: the default scenario, then lesson 1 (its title is
      // as wide as the Scenario picker gets), whose cluster has the same nodes.
      for (const lesson of [undefined, '01-clusterip']) {
        if (lesson) {
          await page.getByLabel('Scenario', { exact: true }).selectOption(lesson);
          await expect(page.getByTestId('lesson-face')).toBeVisible();
        }
        for (const name of names) {
          await node.selectOption(name);
          const room = await selectedTextRoom(node);
          const what = `${lesson ?? 'default scenario'}: "${room.text}" in ${room.width.toFixed(1)} px, ${room.needed.toFixed(1)} px needed`;
          expect(room.text, what).toBe(name);
          expect(room.width, what).toBeGreaterThanOrEqual(room.needed - 0.5);
          expectInside(await box(node), await box(bar), what);
        }
        // The header stays one row, every control inside the window (the overlap checks are the test above's).
        const overflow = await bar.evaluate((b) => ({ sw: b.scrollWidth, cw: b.clientWidth }));
        expect(overflow.sw, `${lesson ?? 'default scenario'}: header content ${overflow.sw} px in ${overflow.cw} px`).toBeLessThanOrEqual(overflow.cw);
        await expect(page.getByRole('button', { name: 'Copy share link', exact: true })).toBeVisible();
      }
    });
  }
}

for (const lang of ['en', 'ko'] as const) {
  test(`${lang}, 1366 to 1920 px wide: the header keeps the Node picker's whole name and every control in one row, with and without a lesson, normal and classroom`, async ({ page }) => {
    await setup(page, { lang });
    const node = page.getByRole('banner').getByLabel(lang === 'en' ? 'Node' : '노드', { exact: true });
    const bar = page.locator('.top-bar');
    await node.selectOption('myk8s-control-plane');
    // Above 1400 px the long forms came back all at once: with a lesson open the Node picker was squeezed to
    // 110 px and Import sat over it, the header 100-480 px wider than the window until 1920 px.
    for (const lesson of [undefined, '01-clusterip']) {
      if (lesson) await page.getByLabel('Scenario', { exact: true }).selectOption(lesson);
      for (const classroom of [false, true]) {
        if (classroom !== (await page.locator('.app.is-classroom').count()) > 0) await page.getByRole('button', { name: 'Classroom' }).click();
        for (const width of [1366, 1440, 1536, 1600, 1680, 1800, 1920]) {
          await page.setViewportSize({ width, height: 900 });
          const what = `${width} px, ${lesson ?? 'default scenario'}${classroom ? ', classroom' : ''}`;
          const room = await selectedTextRoom(node);
          expect(room.width, `${what}: "${room.text}" in ${room.width.toFixed(1)} px, ${room.needed.toFixed(1)} px needed`).toBeGreaterThanOrEqual(room.needed - 0.5);
          const overflow = await bar.evaluate((b) => b.scrollWidth - b.clientWidth);
          expect(overflow, `${what}: the header's content is wider than the window`).toBeLessThanOrEqual(0);
          for (const name of ['Copy share link', 'Classroom']) expectInside(await box(page.getByRole('button', { name, exact: true })), await box(bar), `${what}: ${name}`);
        }
      }
    }
  });
}

for (const lang of ['en', 'ko'] as const) {
  for (const classroom of [false, true]) {
    test(`1280×720, ${lang}${classroom ? ', classroom mode' : ''}: every control of the Rules toolbar is on screen in the panel, in iptables and nftables mode`, async ({ page }) => {
      await setup(page, { lang, classroom });
      const panel = rules(page);
      const wrapWord = lang === 'en' ? 'wrap' : '줄 바꿈';
      // The default scenario (iptables: three full command names as tabs), then lesson 14 (nftables: a caption
      // before three short tabs): the wrap toggle sat past the panel's right edge in both.
      for (const lesson of [undefined, '14-nftables-lookup']) {
        if (lesson) {
          await page.getByLabel('Scenario', { exact: true }).selectOption(lesson);
          await expect(panel.getByTestId('rules-head')).toBeVisible();
        }
        await expect(panel.locator('.rules-text')).toContainText(lesson ? 'table ip kube-proxy' : '-A KUBE-SERVICES');
        const area = await box(panel);
        const wrap = panel.getByRole('checkbox', { name: wrapWord, exact: true });
        const controls: [string, Locator][] = [
          ...(await panel.getByRole('tab').all()).map((t, i): [string, Locator] => [`tab ${i + 1}`, t]),
          ['Table', panel.getByLabel('Table', { exact: true })],
          ['wrap checkbox', wrap],
          ['wrap label', panel.locator('label').filter({ has: page.getByRole('checkbox', { name: wrapWord, exact: true }) })],
          ...(lesson ? [['caption', panel.getByTestId('rules-head')] as [string, Locator]] : []),
        ];
        expect(controls.length).toBeGreaterThanOrEqual(lesson ? 7 : 6);
        for (const [name, control] of controls) {
          await expect(control, name).toBeVisible();
          expectInside(await box(control), area, `${lesson ?? 'default scenario'}: ${name}`);
        }
        // Nothing left to scroll to sideways.
        const bar = await panel.locator('.rules-toolbar').evaluate((b) => ({ sw: b.scrollWidth, cw: b.clientWidth }));
        expect(bar.sw, `${lesson ?? 'default scenario'}: the toolbar's ${bar.sw} px in ${bar.cw} px`).toBeLessThanOrEqual(bar.cw);
        // Where it now sits, the toggle still wraps the text.
        await wrap.check();
        await expect(panel.locator('.rules-text')).toHaveClass(/\bwrap\b/);
        await wrap.uncheck();
        await expect(panel.locator('.rules-text')).not.toHaveClass(/\bwrap\b/);
      }
    });
  }
}

const MODES = [
  { mode: 'nftables', lesson: '14-nftables-lookup', head: 'nft list ruleset' },
  { mode: 'IPVS', lesson: '20-ipvs-clusterip', head: 'ipvsadm -Ln' },
] as const;

for (const m of MODES) {
  for (const lang of ['en', 'ko'] as const) {
    test(`1280×720, ${m.mode} mode, ${lang}: the Rules tabs name what the panel shows (${m.head} first, then iptables)`, async ({ page }) => {
      await setup(page, { lang, lesson: m.lesson });
      const panel = rules(page);
      await expect(panel.locator('.rules-text')).toContainText(`# ${m.head}`);
      const caption = panel.getByTestId('rules-head');
      await expect(caption).toHaveText(`${m.head} + iptables`);
      const tabs = panel.getByRole('tab');
      await expect(tabs).toHaveCount(3);
      for (const [name, shown] of [
        ['iptables -S', '-S'],
        ['iptables-save', 'save'],
        ['iptables -L -n -v', '-L -n -v'],
      ] as const) {
        const tab = panel.getByRole('tab', { name: `${m.head} + ${name}`, exact: true });
        await expect(tab).toHaveText(shown);
        await tab.click();
        await expect(tab).toHaveAttribute('aria-selected', 'true');
        await expect(panel.locator('.rules-text')).toContainText(`# ${m.head}`);
      }
      // The caption, the tabs and the table picker are on screen in the panel (not scrolled off its edge).
      const area = await box(panel);
      for (const l of [caption, tabs.last(), panel.getByLabel('Table', { exact: true })]) expectInside(await box(l), area, 'rules toolbar');
    });
  }
}

test('1280×720, iptables mode: the Rules tabs keep their names, with no caption before them', async ({ page }) => {
  await setup(page, { lang: 'en' });
  const panel = rules(page);
  for (const name of ['iptables -S', 'iptables-save', 'iptables -L -n -v']) await expect(panel.getByRole('tab', { name, exact: true })).toHaveText(name);
  await expect(panel.getByTestId('rules-head')).toHaveCount(0);
});
