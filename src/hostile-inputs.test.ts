/**
 * Issue 18's reproducers: inputs a link, a paste or a dump can carry that once froze the lab for seconds
 * to minutes. The big ones are checked as ratios (10× the input may take at most 15× the time), so a
 * quadratic path fails here whatever the machine's speed.
 */
import { describe, expect, it } from 'vitest';
import { loadScenario } from './engine/cluster/load';
import { MAX_DIAGNOSTICS } from './engine/cluster/diagnostics';
import { MAX_DOCUMENTS } from './engine/cluster/yaml-docs';
import { outlineScenario } from './engine/scenario-outline';
import { parseIptables } from './engine/netfilter/parse';
import { printIptablesS, printIptablesSave } from './engine/netfilter/print';
import { printIptablesList } from './engine/netfilter/print-list';
import { LINEAR_RATIO, bestScalingApart } from './test-support/scaling';
import { manyKeys, manyReferencedChains, reversedJumpChain } from './test-support/workloads';

const RATIO = LINEAR_RATIO;

describe('linear time where input can reach', () => {
  it('YAML duplicate-key checking: 10× the keys takes ≤ 15× the time (the loader and the outline)', async () => {
    const load = await bestScalingApart('yaml-keys-load', 1000);
    expect(load.ratio, JSON.stringify(load)).toBeLessThanOrEqual(RATIO);
    const outline = await bestScalingApart('yaml-keys-outline', 1000);
    expect(outline.ratio, JSON.stringify(outline)).toBeLessThanOrEqual(RATIO);
  });

  it('aliases are resolved in one walk: 10× the aliases takes ≤ 15× the time (30,000 took 76 s)', async () => {
    const s = await bestScalingApart('yaml-aliases', 1000);
    expect(s.ratio, JSON.stringify(s)).toBeLessThanOrEqual(RATIO);
  });

  it('still finds a duplicate key, where the second one is written', () => {
    const r = loadScenario(`${manyKeys(3000)}  k1500: again\n`);
    expect(r.diagnostics.map((d) => [d.message, d.line])).toEqual([['YAML: Map keys must be unique', 3002]]);
  });

  it('`iptables -L`: chain references are counted once per table', async () => {
    const s = await bestScalingApart('list-references', 2000);
    expect(s.ratio, JSON.stringify(s)).toBeLessThanOrEqual(RATIO);
    const out = printIptablesList(parseIptables(manyReferencedChains(3)).ruleset, 'nat', { numeric: true });
    expect(out).toContain('Chain C2 (1 references)');
    expect(out).toContain('Chain HUB (0 references)');
  });

  it('`kpl print` of a dump of `-N` lines is linear', async () => {
    const s = await bestScalingApart('print-new-chains', 5000);
    expect(s.ratio, JSON.stringify(s)).toBeLessThanOrEqual(RATIO);
  });

  it('the loop check is one linear search per table (20,000 chains written in reverse took 47 s)', async () => {
    const s = await bestScalingApart('loop-check', 2000);
    expect(s.ratio, JSON.stringify(s)).toBeLessThanOrEqual(RATIO);
    expect(parseIptables(reversedJumpChain(60_000), { table: 'filter' }).errors).toEqual([]);
  });

  it('a loop closed at the end of a 60,000-chain path is still found, on its own line', () => {
    const n = 60_000;
    const text = `${reversedJumpChain(n)}-A C${n} -j C0\n`;
    const r = parseIptables(text, { table: 'filter' });
    const lastLine = 2 * n + 2;
    expect(r.errors.map((e) => e.line)).toEqual([lastLine]);
    expect(r.errors[0]!.message).toContain('Too many links');
  });

  it('documents separated by `...` meet the document limit before they are parsed (the outline too)', () => {
    const text = 'a: 1\n...\n'.repeat(100_000);
    const r = loadScenario(text);
    expect(r.diagnostics.map((d) => d.message)).toEqual([`too many documents (the limit is ${MAX_DOCUMENTS})`]);
    expect(outlineScenario(text).errors.map((e) => e.message)).toEqual([`too many documents (the limit is ${MAX_DOCUMENTS})`]);
  });

  it('the outline refuses a text over the size limit before parsing it', () => {
    expect(outlineScenario('a: 1\n'.repeat(300_000)).errors[0]!.message).toMatch(/too large/);
  });
});

describe('counters print back unchanged', () => {
  const dump = (p: string, b: string): string => `*filter\n:INPUT ACCEPT [${p}:${b}]\n:FORWARD ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n[${p}:${b}] -A INPUT -j ACCEPT\nCOMMIT\n`;

  it.each([
    ['18446744073709551615', '9007199254740993'],
    ['9007199254740993', '1'],
    ['123', '456'],
  ])('[%s:%s] survives iptables-save -c, -S -v and -L -v -x', (p, b) => {
    const r = parseIptables(dump(p, b));
    expect(r.errors).toEqual([]);
    expect(printIptablesSave(r.ruleset, { counters: true })).toBe(dump(p, b));
    expect(printIptablesS(r.ruleset, 'filter', undefined, { counters: true })).toContain(`-P INPUT ACCEPT -c ${p} ${b}\n-P FORWARD`);
    const again = parseIptables(printIptablesS(r.ruleset, 'filter', undefined, { counters: true }), { table: 'filter' });
    expect(printIptablesSave(again.ruleset, { counters: true })).toBe(dump(p, b));
    expect(printIptablesList(r.ruleset, 'filter', { verbose: true, exact: true, numeric: true })).toContain(`(policy ACCEPT ${p} packets, ${b} bytes)`);
  });

  it('-L -v without -x scales a u64 counter as xtables_print_num does', () => {
    const r = parseIptables(dump('18446744073709551615', '0'));
    expect(printIptablesList(r.ruleset, 'filter', { verbose: true, numeric: true })).toContain('(policy ACCEPT 18446744T packets');
  });

  it('a counter above 2^64-1 is an error on its line, not a silently different number', () => {
    const r = parseIptables(dump('99999999999999999999', '1'));
    expect(r.errors.map((e) => [e.line, e.message])).toEqual([
      [2, 'line 2: invalid counters "[99999999999999999999:1]"'],
      [5, 'line 5: invalid counters "[99999999999999999999:1]"'],
    ]);
  });
});

describe('bounded work and output', () => {
  const deployments = (count: number, replicas: number): string =>
    Array.from({ length: count }, (_, i) => `apiVersion: apps/v1
kind: Deployment
metadata: {name: d${i}}
spec:
  replicas: ${replicas}
  selector: {matchLabels: {app: d${i}}}
  template:
    metadata: {labels: {app: d${i}}}
    spec: {containers: [{name: c, image: x}]}
`).join('---\n');

  it('490 Deployments × 1000 replicas: the pod cap stops the expansion, with a located message', () => {
    const r = loadScenario(deployments(490, 1000));
    expect(r.cluster).toBeUndefined();
    expect(r.diagnostics.length).toBeLessThanOrEqual(MAX_DIAGNOSTICS + 1);
    const first = r.diagnostics[0]!;
    expect(first.message).toBe('spec.replicas: Invalid value: 1000: this Deployment would bring the scenario to 6000 pods; Kube Packet Lab runs at most 5000');
    expect([first.doc, first.line]).toEqual([5, 55]);
  });

  it('at most MAX_DIAGNOSTICS diagnostics are listed, then a count of the rest', () => {
    // 2000 Services with the same name: one error each after the first.
    const text = Array.from({ length: 490 }, () => 'apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec: {ports: [{port: 0}, {port: 0}]}\n').join('---\n');
    const r = loadScenario(text);
    expect(r.diagnostics.length).toBe(MAX_DIAGNOSTICS + 1);
    expect(r.diagnostics.at(-1)!.message).toMatch(/^and [\d,]+ more problems \(only the first 500 are listed\)$/);
  });

  it('`__proto__` is an unknown field like any other, without a hint made of Object.prototype', () => {
    const r = loadScenario('apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec:\n  ports: [{port: 80}]\n  __proto__: {x: 1}\n');
    expect(r.diagnostics.map((d) => d.message)).toEqual(['unknown field "spec.__proto__"']);
  });
});
