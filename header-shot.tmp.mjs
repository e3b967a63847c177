import { chromium } from '@playwright/test';
const url = process.argv[2], out = process.argv[3];
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
for (const lang of ['en', 'ko']) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  await page.addInitScript(() => window.localStorage.setItem('kpl.start.v1', 'explore'));
  await page.goto(url);
  await page.waitForSelector('[data-testid="engine-info"]');
  if (lang === 'ko') await page.getByLabel('Language').selectOption('ko');
  await page.waitForTimeout(1500);
  await page.screenshot({ path: `${out}-${lang}.png`, clip: { x: 0, y: 0, width: 1280, height: 60 } });
  if (lang === 'en') await page.screenshot({ path: `${out}-full-${lang}.png` });
  const w = await page.evaluate(() => [...document.querySelectorAll('.top-bar select, .top-bar button')].map((e) => `${e.getAttribute('aria-label') ?? e.textContent}:${Math.round(e.getBoundingClientRect().width)}`).join(' | '));
  console.log(lang, w, await page.evaluate(() => document.querySelector('.top-bar').scrollWidth));
  await page.close();
}
await browser.close();
