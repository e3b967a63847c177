/**
 * The engine's layers (DESIGN §1) as the imports show them: no import cycle between files or between
 * layers, nothing that points up to the adapters (worker, app, cli), and the pairs DESIGN keeps apart
 * stay apart. The checker is shown a planted cycle and a planted upward import first, so a silent
 * checker cannot pass.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findCycles, folderGraph, importSpecifiers, importsLeaving, readImportGraph } from './test-support/import-graph';

const ENGINE = import.meta.dirname;
const isTest = (f: string): boolean => f.endsWith('.test.ts');

describe('the boundary checker', () => {
  const fixture = mkdtempSync(join(tmpdir(), 'kpl-imports-'));
  afterAll(() => rmSync(fixture, { recursive: true, force: true }));
  const write = (path: string, text: string): void => {
    mkdirSync(dirname(join(fixture, 'engine', path)), { recursive: true });
    writeFileSync(join(fixture, 'engine', path), text);
  };
  write('packet.ts', "import type { Ipv4 } from './ipv4';\nexport type Packet = { src: Ipv4 };\n");
  write('ipv4.ts', 'export type Ipv4 = number;\n');
  write('netfilter/walk.ts', "import type { Packet } from '../packet';\nimport { classify } from '../conntrack';\nexport const walk = (p: Packet) => classify(p);\n");
  write('conntrack/index.ts', "export * from './classify';\n");
  write('conntrack/classify.ts', "import { walk } from '../netfilter/walk';\nexport const classify = (p: unknown) => p;\nexport const again = () => walk;\n");
  write('sim/journey.ts', "import { store } from '../../app/store';\n// import { nothing } from '../netfilter/walk';\nexport const j = store;\n");
  mkdirSync(join(fixture, 'app'));
  writeFileSync(join(fixture, 'app', 'store.ts'), 'export const store = 1;\n');
  const planted = readImportGraph(join(fixture, 'engine'));

  it('reads every form of import, and not the ones in comments', () => {
    expect(importSpecifiers("import a from './a';\nimport type { B } from \"./b\";\nexport * from './c';\nexport { d } from './d';\nimport './e';\nconst f = import('./f');\n// import g from './g';\n/* import h from './h'; */")).toEqual(['./a', './b', './c', './d', './e', './f']);
  });

  it('finds a planted cycle between files (through an index.ts) and between folders', () => {
    expect(findCycles(planted)).toEqual([['conntrack/classify.ts', 'conntrack/index.ts', 'netfilter/walk.ts']]);
    expect(findCycles(folderGraph(planted))).toEqual([['conntrack', 'netfilter']]);
  });

  it('finds a planted import that leaves the tree', () => {
    expect(importsLeaving(planted)).toEqual(['sim/journey.ts → ../app/store.ts']);
  });

  it('finds a file that imports itself', () => {
    expect(findCycles(new Map([['a.ts', ['a.ts']], ['b.ts', ['a.ts']]]))).toEqual([['a.ts']]);
  });
});

describe('src/engine', () => {
  const all = readImportGraph(ENGINE);
  const code = readImportGraph(ENGINE, (f) => !isTest(f));

  it('reads the whole engine', () => {
    expect(code.size).toBeGreaterThan(100);
    expect(code.get('node/traverse.ts')).toContain('node/pipeline.ts');
  });

  it('has no import cycle between files', () => {
    expect(findCycles(all)).toEqual([]);
  });

  it('has no import cycle between its layers (tests aside: they may use test-support, which uses the layer under test)', () => {
    expect(findCycles(folderGraph(code))).toEqual([]);
  });

  it('never imports upward (worker, app, cli) or anything else outside src/engine', () => {
    expect(importsLeaving(all)).toEqual([]);
  });

  it('keeps apart what DESIGN §1 keeps apart', () => {
    const layers = folderGraph(code);
    const forbidden: Readonly<Record<string, readonly string[]>> = {
      // The shared vocabulary depends on nothing but itself.
      'packet.ts': ['netfilter', 'conntrack', 'node', 'sim', 'kubeproxy', 'cluster'],
      'ipv4.ts': ['packet.ts', 'netfilter', 'conntrack', 'node', 'sim', 'kubeproxy', 'cluster'],
      // Rule engines and conntrack sit side by side under the node layer.
      netfilter: ['conntrack', 'node', 'sim', 'kubeproxy', 'cluster'],
      conntrack: ['netfilter', 'node', 'sim', 'kubeproxy', 'cluster'],
      node: ['sim', 'kubeproxy', 'cluster'],
    };
    const found = Object.entries(forbidden).flatMap(([from, targets]) => (layers.get(from) ?? []).filter((t) => targets.includes(t)).map((t) => `${from} → ${t}`));
    expect(found).toEqual([]);
  });
});
