/**
 * `-m ipvs` through `iptables -L` and back: the reader must give the rule the node holds, for the
 * options kube-proxy writes (KUBE-IPVS-OUT-FILTER) and every other option libxt_ipvs has.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { importDump } from './import';
import { readListRule } from './read-list';
import { parseIptables } from '../netfilter/parse';
import { printIptablesSave } from '../netfilter/print';
import { printIptablesList } from '../netfilter/print-list';
import type { Ruleset } from '../netfilter/model';
import { loadScenario } from '../cluster/load';
import { generateIpvsNode } from '../kubeproxy/ipvs/generate';

const load = (rules: readonly string[]): Ruleset => {
  const loaded = parseIptables(['*filter', ':INPUT ACCEPT [0:0]', ':FORWARD ACCEPT [0:0]', ':OUTPUT ACCEPT [0:0]', ...rules.map((r) => `-A OUTPUT ${r}`), 'COMMIT', ''].join('\n'));
  expect(loaded.errors.map((e) => e.message)).toEqual([]);
  return loaded.ruleset;
};

/** The filter table as `iptables -L` prints it, with the prompt line the importer reads the table from. */
const listed = (ruleset: Ruleset, numeric: boolean): string => `# iptables -t filter -L${numeric ? ' -n' : ''} -v -x\n${printIptablesList(ruleset, 'filter', { numeric, verbose: true, exact: true })}`;

function roundTrip(ruleset: Ruleset, numeric: boolean, collapse = false): string {
  const text = listed(ruleset, numeric);
  const d = importDump(collapse ? text.replace(/ +/g, ' ') : text);
  expect(d.issues.filter((i) => i.severity !== 'info').map((i) => i.message)).toEqual([]);
  return printIptablesSave(d.ruleset);
}

describe('iptables -L: the -m ipvs column read back', () => {
  it('reads kube-proxy’s KUBE-IPVS-OUT-FILTER rule (vproto 6 vaddr IP vport PORT)', () => {
    const ruleset = load(['-s 1.2.3.4 -m ipvs --vaddr 1.2.3.4 --vproto tcp --vport 80 -j DROP']);
    expect(listed(ruleset, true)).toContain('vproto 6 vaddr 1.2.3.4 vport 80');
    const save = roundTrip(ruleset, true);
    expect(save).toContain('-A OUTPUT -s 1.2.3.4/32 -m ipvs --vproto 6 --vaddr 1.2.3.4 --vport 80 -j DROP');
    expect(save).toBe(printIptablesSave(ruleset));
  });

  it('reads inversions, a bare [!] ipvs, vdir, vmethod, vportctl, and `anywhere` without -n', () => {
    const ruleset = load([
      '-m ipvs ! --ipvs -j ACCEPT',
      '-m ipvs --ipvs -p tcp -m tcp --dport 80 -j RETURN',
      '-m ipvs ! --vaddr 10.96.0.0/12 ! --vport 443 --vproto 132 -j ACCEPT',
      '-m ipvs --vdir REPLY --vmethod MASQ --vportctl 21 -j ACCEPT',
      '-m ipvs --vaddr 0.0.0.0/0 --vport 53 -m comment --comment "after ipvs" -j ACCEPT',
      '-m ipvs --vport 80 -m ipvs --vport 81 -j DROP',
      '-m ipvs --vdir ORIGINAL -m ipvs --vaddr 10.0.0.0/8 -j DROP',
    ]);
    expect(roundTrip(ruleset, true)).toBe(printIptablesSave(ruleset));
    expect(roundTrip(ruleset, false)).toBe(printIptablesSave(ruleset));
    expect(roundTrip(ruleset, true, true)).toBe(printIptablesSave(ruleset));
  });

  it('print -L → read → the same rule, for any -m ipvs options (property)', () => {
    const option = fc.oneof(
      fc.tuple(fc.boolean(), fc.constantFrom('tcp', 'udp', 'sctp', '6', '17', '47')).map(([n, p]) => ['vproto', `${n ? '! ' : ''}--vproto ${p}`] as const),
      // 0.0.0.0 prints as `anywhere` without -n whatever its mask: only /0 can be told back from it.
      fc.tuple(fc.boolean(), fc.ipV4(), fc.integer({ min: 0, max: 32 })).map(([n, a, l]) => ['vaddr', `${n ? '! ' : ''}--vaddr ${a.startsWith('0.0.0.0') ? '0.0.0.0/0' : `${a}/${l}`}`] as const),
      fc.tuple(fc.boolean(), fc.integer({ min: 0, max: 65535 })).map(([n, p]) => ['vport', `${n ? '! ' : ''}--vport ${p}`] as const),
      fc.constantFrom('--vdir ORIGINAL', '--vdir REPLY').map((o) => ['vdir', o] as const),
      fc.tuple(fc.boolean(), fc.constantFrom('GATE', 'IPIP', 'MASQ')).map(([n, m]) => ['vmethod', `${n ? '! ' : ''}--vmethod ${m}`] as const),
      fc.tuple(fc.boolean(), fc.integer({ min: 0, max: 65535 })).map(([n, p]) => ['vportctl', `${n ? '! ' : ''}--vportctl ${p}`] as const),
      fc.boolean().map((n) => ['ipvs', `${n ? '! ' : ''}--ipvs`] as const),
    );
    // What libxt_ipvs accepts: each option once, and `! --ipvs` only alone.
    const match = fc.array(option, { minLength: 1, maxLength: 7 }).map((opts) => {
      const unique = [...new Map(opts.map(([k, o]) => [k, o])).entries()];
      const valid = unique.some(([k, o]) => k === 'ipvs' && o.startsWith('!')) && unique.length > 1 ? unique.filter(([k]) => k !== 'ipvs') : unique;
      return `-m ipvs ${valid.map(([, o]) => o).join(' ')}`;
    });
    const rule = fc.record({
      src: fc.option(fc.tuple(fc.boolean(), fc.ipV4()), { nil: undefined }),
      proto: fc.constantFrom('', '-p tcp', '-p udp -m udp --dport 53'),
      // One -m ipvs: two whose options follow the print order print as one (read-list-ipvs.ts says why).
      matches: match.map((m) => [m]),
      target: fc.constantFrom('-j ACCEPT', '-j DROP', '-j RETURN', '-j REJECT --reject-with icmp-port-unreachable'),
    }).map((r) => [r.src ? `${r.src[0] ? '! ' : ''}-s ${r.src[1]}` : '', r.proto, ...r.matches, r.target].filter((p) => p !== '').join(' '));
    fc.assert(
      fc.property(fc.array(rule, { minLength: 1, maxLength: 4 }), fc.boolean(), (rules, numeric) => {
        const ruleset = load(rules);
        expect(roundTrip(ruleset, numeric)).toBe(printIptablesSave(ruleset));
      }),
      { numRuns: 300 },
    );
  });

  it('an IPVS-mode node’s whole filter and nat tables come back from -L -n -v -x', () => {
    // proxier_test.go's TestLoadBalancerSourceRanges: the node may not reach its LB IP, so KUBE-IPVS-OUT-FILTER has a rule.
    const scenario = readFileSync(new URL('../kubeproxy/ipvs/__golden__/loadbalancer-source-ranges.yaml', import.meta.url), 'utf8');
    const node = generateIpvsNode(loadScenario(scenario).cluster!, 'test-node');
    expect(node.restoreText).toContain('-m ipvs');
    const text = (['nat', 'filter'] as const).map((t) => `# iptables -t ${t} -L -n -v -x\n${printIptablesList(node.ruleset, t, { numeric: true, verbose: true, exact: true })}`).join('\n');
    const d = importDump(text);
    expect(d.issues.filter((i) => i.severity !== 'info').map((i) => i.message)).toEqual([]);
    expect(printIptablesSave(d.ruleset)).toBe(printIptablesSave(node.ruleset));
  });
});

/** Whether the real libxt_ipvs can print: root, a namespace and iptables-legacy-restore (the kernel need not have xt_ipvs for --test). */
function probeLibxtIpvs(): { available: boolean; reason: string } {
  if (process.platform !== 'linux') return { available: false, reason: 'not Linux' };
  const probe = spawnSync('unshare', ['-n', 'iptables-legacy-restore', '--test'], { input: '*filter\nCOMMIT\n', encoding: 'utf8' });
  if (probe.error || probe.status !== 0) return { available: false, reason: `cannot run iptables-legacy-restore --test in a namespace: ${probe.error?.message ?? probe.stderr.trim().split('\n')[0] ?? ''}` };
  return { available: true, reason: '' };
}

const real = probeLibxtIpvs();

/**
 * This kernel has no ip_vs module, so `iptables -A … -m ipvs` fails and `iptables -L` never shows such a
 * rule. `iptables-legacy-restore --test -v` parses each rule with the real libxt_ipvs and prints it with
 * print_firewall's FMT_PRINT_RULE (`TARGET  PROT opt -- in * out *  SRC  -> DST   MATCHES`), whose matches
 * part is the very text `iptables -L -n` prints after the destination column: the reader reads that.
 */
describe.skipIf(!real.available)(`the real libxt_ipvs's printed matches read back (${real.available ? 'iptables-legacy-restore --test -v' : `skipped: ${real.reason}`})`, () => {
  it('gives the rule that was written', () => {
    const rules = [
      '-s 1.2.3.4/32 -m ipvs --vaddr 1.2.3.4 --vproto tcp --vport 80 -j DROP',
      '-p tcp -m ipvs ! --vaddr 10.96.0.0/12 --vproto 6 ! --vport 443 -m comment --comment "after ipvs" -j ACCEPT',
      '-m ipvs ! --ipvs -j RETURN',
      '-m ipvs --vdir REPLY --vmethod MASQ --vportctl 21 -j ACCEPT',
    ];
    const input = ['*filter', ':OUTPUT ACCEPT [0:0]', ...rules.map((r) => `-A OUTPUT ${r}`), 'COMMIT', ''].join('\n');
    const run = spawnSync('unshare', ['-n', 'iptables-legacy-restore', '--test', '-v'], { input, encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    const printed = run.stdout.split('\n').filter((l) => l.includes(' opt '));
    expect(printed).toHaveLength(rules.length);
    printed.forEach((line, i) => {
      const m = /^(\S*)\s+(\S+) opt (\S+) in \S+ out \S+\s+(\S+)\s+->\s+(\S+)\s*(.*)$/.exec(line);
      expect(m, line).not.toBeNull();
      const [, target, prot, opt, src, dst, matches] = m!;
      // The same columns as `iptables -L -n` (without -v: no counters, no interfaces).
      const read = readListRule(`${target} ${prot} ${opt} ${src} ${dst} ${matches}`, { lineNumbers: false, verbose: false });
      expect(read.kind, line).toBe('rule');
      if (read.kind !== 'rule') return;
      expect(read.unreadable, line).toBeUndefined();
      const back = load([read.args.map((t) => (/\s/.test(t.text) ? `"${t.text}"` : t.text)).join(' ')]);
      expect(printIptablesSave(back), line).toBe(printIptablesSave(load([rules[i]!])));
    });
  });
});
