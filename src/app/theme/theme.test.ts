import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { contrastRatio, parseHexColor } from './contrast';
import { customProperties } from './css-palette';
import { parseThemeSetting, resolveTheme } from './theme-setting';

const themeCss = readFileSync(new URL('./theme.css', import.meta.url), 'utf8');
const baseCss = readFileSync(new URL('../styles.css', import.meta.url), 'utf8');

const PALETTES = { light: ":root[data-theme='light']", dark: ":root[data-theme='dark']" } as const;
/** Variables used as text colours (labels, rule targets, legends); each must be readable on panels and the page. */
const TEXT_VARS = ['--text', '--muted', '--accent', '--dnat', '--snat', '--mark', '--drop', '--accept', '--conntrack'];
const BACKGROUNDS = ['--panel', '--bg'];
/** WCAG 2.1 SC 1.4.3 (AA) for normal-size text. */
const AA = 4.5;

describe('contrast ratio', () => {
  it('matches the WCAG reference points', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#fff', '#fff')).toBe(1);
    // #767676 on white is the well-known lightest grey that passes AA (4.54:1).
    expect(contrastRatio('#767676', '#ffffff')).toBeCloseTo(4.54, 2);
    expect(contrastRatio('#777777', '#ffffff')).toBeLessThan(AA);
  });
  it('rejects colours it cannot check', () => {
    expect(() => parseHexColor('rgb(0, 0, 0)')).toThrow(/not a #rgb/);
    expect(() => parseHexColor('#12345')).toThrow();
  });
});

describe('customProperties', () => {
  it('reads top-level blocks only, later declarations winning', () => {
    const css = ':root { --a: #111; --b: #222 } /* :root { --c: 1 } */ @media (prefers-color-scheme: dark) { :root { --a: #999 } } :root { --b: #333; color: red }';
    expect([...customProperties(css, ':root')]).toEqual([
      ['--a', '#111'],
      ['--b', '#333'],
    ]);
    expect(customProperties(css, 'body').size).toBe(0);
  });
});

describe('theme.css palettes', () => {
  const base = customProperties(baseCss, ':root');

  it('styles.css still declares the variables the palettes override', () => {
    expect([...base.keys()]).toEqual(expect.arrayContaining([...TEXT_VARS, ...BACKGROUNDS, '--border']));
  });

  for (const [name, selector] of Object.entries(PALETTES)) {
    const palette = customProperties(themeCss, selector);

    it(`${name} sets every variable of styles.css :root`, () => {
      const missing = [...base.keys()].filter((v) => !palette.has(v));
      expect(missing).toEqual([]);
    });

    it(`${name}: every text colour reaches AA (${AA}:1) on --panel and --bg`, () => {
      const failing: string[] = [];
      for (const fg of TEXT_VARS) {
        for (const bg of BACKGROUNDS) {
          const ratio = contrastRatio(palette.get(fg)!, palette.get(bg)!);
          if (ratio < AA) failing.push(`${fg} ${palette.get(fg)} on ${bg} ${palette.get(bg)}: ${ratio.toFixed(2)}`);
        }
      }
      expect(failing).toEqual([]);
    });
  }

  it('the light palette is styles.css :root, so "Light" and a light OS look the same', () => {
    const light = customProperties(themeCss, PALETTES.light);
    for (const [v, value] of base) expect(light.get(v), v).toBe(value);
  });

  it('dark is really dark: light text on a dark panel', () => {
    const dark = customProperties(themeCss, PALETTES.dark);
    expect(contrastRatio(dark.get('--panel')!, '#000000')).toBeLessThan(2);
    expect(contrastRatio(dark.get('--text')!, '#ffffff')).toBeLessThan(1.5);
  });
});

describe('theme setting', () => {
  it('keeps known values and falls back to system', () => {
    expect(parseThemeSetting('dark')).toBe('dark');
    expect(parseThemeSetting('light')).toBe('light');
    expect(parseThemeSetting('Dark')).toBe('system');
    expect(parseThemeSetting(null)).toBe('system');
  });
  it('system follows the OS; light and dark ignore it', () => {
    expect(resolveTheme('system', true)).toBe('dark');
    expect(resolveTheme('system', false)).toBe('light');
    expect(resolveTheme('light', true)).toBe('light');
    expect(resolveTheme('dark', false)).toBe('dark');
  });
});
