/**
 * Golden tests: what real nodes printed (the shared vectors, iptables 1.8.11) and what the real iptables
 * printed for our assorted ruleset (`__golden__/`, see its README) must come out of our parser + printers byte for byte.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseIptables } from './parse';
import { printIptablesS, printIptablesSave } from './print';
import { printIptablesList } from './print-list';
import type { Ruleset, TableName } from './model';
import { readVector } from '../test-support/vectors';

const golden = (name: string): string => readFileSync(join(import.meta.dirname, '__golden__', name), 'utf8');

function load(text: string, table?: TableName): Ruleset {
  const r = parseIptables(text, table ? { table } : {});
  expect(r.errors).toEqual([]);
  return r.ruleset;
}

/** Tables as separate blocks, so that table order (not meaningful in iptables-save) does not matter. */
function tableBlocks(save: string): string[] {
  return save.split(/(?=^\*)/m).filter((b) => b.startsWith('*')).sort();
}

describe('the k8s-overall vector (a real node running kube-proxy)', () => {
  const save = readVector('k8s-overall/iptables-save');
  const ruleset = load(save);

  it('iptables-save re-prints byte for byte', () => {
    expect(printIptablesSave(ruleset)).toBe(save);
  });
  it('iptables -t nat -S and -t filter -S match', () => {
    expect(printIptablesS(ruleset, 'nat')).toBe(readVector('k8s-overall/nat-S'));
    expect(printIptablesS(ruleset, 'filter')).toBe(readVector('k8s-overall/filter-S'));
  });
  it('-S text parses back to the same ruleset', () => {
    const nat = load(readVector('k8s-overall/nat-S'), 'nat');
    expect(printIptablesSave(nat)).toBe(printIptablesSave(ruleset, { tables: ['nat'] }));
  });
  it('iptables -t nat -L -n -v matches', () => {
    expect(printIptablesList(ruleset, 'nat', { numeric: true, verbose: true })).toBe(readVector('k8s-overall/nat-L-n-v'));
  });
});

describe('the conntrack vector: -L -n -v with counters after real traffic', () => {
  it('prints the counters the node showed', () => {
    // __golden__/conntrack-nat.save-c is that node's state as `iptables-save -c` (see the README there):
    // the real iptables, loaded with it, prints the vector too (kernel-check.test.ts).
    const ruleset = load(golden('conntrack-nat.save-c'));
    expect(printIptablesList(ruleset, 'nat', { numeric: true, verbose: true })).toBe(readVector('conntrack/nat-L-n-v-with-counters.txt'));
  });
});

describe('assorted rules, as the real iptables printed them', () => {
  const ruleset = load(golden('assorted.save'));
  it('iptables-save -c', () => {
    expect(tableBlocks(printIptablesSave(ruleset, { counters: true }))).toEqual(tableBlocks(golden('assorted.save-c')));
  });
  it('iptables -S LAB', () => {
    expect(printIptablesS(ruleset, 'filter', 'LAB')).toBe(golden('assorted.S-LAB'));
  });
  for (const table of ['filter', 'nat', 'raw'] as const) {
    it(`iptables -t ${table} -S -v`, () => {
      expect(printIptablesS(ruleset, table, undefined, { counters: true })).toBe(golden(`assorted.${table}.S-v`));
    });
    it(`iptables -t ${table} -L -n -v`, () => {
      expect(printIptablesList(ruleset, table, { numeric: true, verbose: true })).toBe(golden(`assorted.${table}.L-n-v`));
    });
    it(`iptables -t ${table} -L (names, no -n)`, () => {
      expect(printIptablesList(ruleset, table)).toBe(golden(`assorted.${table}.L`));
    });
    it(`iptables -t ${table} -L -v -x --line-numbers -n`, () => {
      expect(printIptablesList(ruleset, table, { numeric: true, verbose: true, exact: true, lineNumbers: true })).toBe(golden(`assorted.${table}.L-vx-lines`));
    });
  }
});

describe('printing quirks, as the real iptables printed them (__golden__/quirks.*)', () => {
  // quirks.save is hand-written input (including forms iptables normalizes away); every other quirks.* file is
  // the real tool's output for it, see __golden__/README.md.
  const ruleset = load(golden('quirks.save'));
  it('iptables-save -c normalizes as the kernel stores the rules', () => {
    expect(printIptablesSave(ruleset, { counters: true })).toBe(golden('quirks.save-c'));
  });
  it('iptables -S QUIRKS', () => {
    expect(printIptablesS(ruleset, 'filter', 'QUIRKS')).toBe(golden('quirks.S-QUIRKS'));
  });
  it('iptables -L -v (names for addresses, ports, ICMP types and log levels; K/M suffixes)', () => {
    expect(printIptablesList(ruleset, 'filter', { verbose: true })).toBe(golden('quirks.filter.L-v'));
  });
  it('iptables -L -n -v', () => {
    expect(printIptablesList(ruleset, 'filter', { numeric: true, verbose: true })).toBe(golden('quirks.filter.L-n-v'));
  });
  it('iptables -L --line-numbers', () => {
    expect(printIptablesList(ruleset, 'filter', { lineNumbers: true })).toBe(golden('quirks.filter.L-lines'));
  });
});
