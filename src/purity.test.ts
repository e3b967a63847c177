/**
 * The engine must stay pure and deterministic (DESIGN §1): no DOM globals, no wall clock, no unseeded
 * randomness. ESLint and the engine's tsconfig guard this too; this test guards it even if someone
 * disables a lint rule inline, and it reads every file under src/engine.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ENGINE_DIR = join(import.meta.dirname, 'engine');

const FORBIDDEN: readonly { readonly name: string; readonly pattern: RegExp }[] = [
  { name: 'window', pattern: /(?<![\w$.])window\s*(?:[.[?]|$)|globalThis\s*\.\s*window\b/ },
  { name: 'document', pattern: /(?<![\w$.])document\s*(?:[.[?]|$)|globalThis\s*\.\s*document\b/ },
  { name: 'Math.random', pattern: /\bMath\s*\.\s*random\b|\bMath\s*\[\s*['"]random['"]\s*\]/ },
  { name: 'Date.now', pattern: /\bDate\s*\.\s*now\b|\bDate\s*\[\s*['"]now['"]\s*\]|\bnew\s+Date\s*\(\s*\)/ },
];

/** Blank out comments and string/template literals so that words in prose don't count, keeping offsets. */
export function codeOnly(source: string): string {
  return source.replace(
    /\/\*[\s\S]*?\*\/|\/\/[^\n]*|'(?:\\.|[^'\\\n])*'|"(?:\\.|[^"\\\n])*"|`(?:\\.|[^`\\])*`/g,
    (m) => m.replace(/[^\n]/g, ' '),
  );
}

export function findImpurities(source: string): string[] {
  const code = codeOnly(source);
  const found: string[] = [];
  code.split('\n').forEach((line, i) => {
    for (const f of FORBIDDEN) if (f.pattern.test(line)) found.push(`${i + 1}: ${f.name}`);
  });
  return found;
}

function engineSources(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) {
      if (entry !== '__golden__' && entry !== 'test-support') out.push(...engineSources(path));
    } else if (/\.ts$/.test(entry) && !/\.test\.ts$/.test(entry)) {
      out.push(path);
    }
  }
  return out;
}

describe('engine purity', () => {
  it('no file under src/engine uses window, document, Math.random or Date.now', () => {
    const files = engineSources(ENGINE_DIR);
    expect(files.length).toBeGreaterThan(0);
    const problems = files.flatMap((f) => findImpurities(readFileSync(f, 'utf8')).map((p) => `${relative(ENGINE_DIR, f)}:${p}`));
    expect(problems).toEqual([]);
  });

  it.each([
    ['window.x = 1;', 'window'],
    ['const w = globalThis.window;', 'window'],
    ['document.title = "x";', 'document'],
    ['const r = Math.random();', 'Math.random'],
    ['const t = Date.now();', 'Date.now'],
    ['const t = new Date();', 'Date.now'],
  ])('catches %s', (source, name) => {
    expect(findImpurities(source).join()).toContain(name);
  });

  it.each([
    ['// the window of a TCP connection', ''],
    ["const s = 'document';", ''],
    ['const windowSize = 3; packet.window = 4;', ''],
    ['/** Date.now() is forbidden here */', ''],
  ])('ignores prose and lookalikes: %s', (source) => {
    expect(findImpurities(source)).toEqual([]);
  });
});
