/**
 * `-m ipvs` as kube-proxy writes it and as a node prints it back. This kernel has no xt_ipvs (no ip_vs
 * module), so no rule with it can be loaded and `iptables-save` cannot be asked. What can be asked is
 * iptables' own libxt_ipvs: `iptables-legacy-restore --test -v` parses every rule with the real extension
 * and prints it with `ipvs_mt_dump` — the function `iptables-save` calls too (prefix `--` there, none here),
 * so the -L form checked here fixes the save form's order, numbers and `/32` as well.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseIptables } from './parse';
import { printIptablesSave } from './print';
import { matchListText } from './print-list';
import { ruleArgsText } from './print-rule';
import type { Rule } from './model';

function onlyRule(line: string): Rule {
  const loaded = parseIptables(`*filter\n:OUTPUT ACCEPT [0:0]\n-A OUTPUT ${line}\nCOMMIT\n`);
  expect(loaded.errors.map((e) => e.message)).toEqual([]);
  return loaded.ruleset.tables.get('filter')!.chains.get('OUTPUT')!.rules[0]!;
}

const errorOf = (line: string): string => parseIptables(`*filter\n:OUTPUT ACCEPT [0:0]\n-A OUTPUT ${line}\nCOMMIT\n`).errors.map((e) => e.message).join('; ');

/** Rules a kube-proxy node can hold, and some that stretch the extension. */
const CASES = [
  '-s 1.2.3.4 -m ipvs --vaddr 1.2.3.4 --vproto tcp --vport 80 -j DROP',
  '-m ipvs --vaddr 10.96.0.0/12 --vproto udp --vport 53 -j ACCEPT',
  '-m ipvs --ipvs -j ACCEPT',
  '-m ipvs ! --ipvs -j ACCEPT',
  '-m ipvs ! --vaddr 10.0.0.1 ! --vport 443 --vproto 132 -j ACCEPT',
  '-m ipvs --vdir REPLY --vmethod MASQ --vportctl 21 -j ACCEPT',
  '-m ipvs --vport http ! --vmethod GATE --vdir ORIGINAL -j RETURN',
];

describe('-m ipvs', () => {
  it('prints kube-proxy’s KUBE-IPVS-OUT-FILTER rule as a node does: struct order, protocol number, no /32', () => {
    const rule = onlyRule('-s 1.2.3.4 -m ipvs --vaddr 1.2.3.4 --vproto tcp --vport 80 -j DROP');
    expect(ruleArgsText(rule)).toBe('-s 1.2.3.4/32 -m ipvs --vproto 6 --vaddr 1.2.3.4 --vport 80 -j DROP');
    expect(matchListText(rule.matches[0]!, true)).toBe(' vproto 6 vaddr 1.2.3.4 vport 80');
  });

  it('keeps what the extension keeps: masks, inversions, --vdir and --vmethod words, port names as numbers', () => {
    expect(ruleArgsText(onlyRule(CASES[1]!))).toBe('-m ipvs --vproto 17 --vaddr 10.96.0.0/12 --vport 53 -j ACCEPT');
    expect(ruleArgsText(onlyRule(CASES[3]!))).toBe('-m ipvs ! --ipvs -j ACCEPT');
    expect(ruleArgsText(onlyRule(CASES[4]!))).toBe('-m ipvs --vproto 132 ! --vaddr 10.0.0.1 ! --vport 443 -j ACCEPT');
    expect(ruleArgsText(onlyRule(CASES[6]!))).toBe('-m ipvs --vport 80 --vdir ORIGINAL ! --vmethod GATE -j RETURN');
    expect(matchListText(onlyRule('-m ipvs --vaddr 0.0.0.0/0 -j ACCEPT').matches[0]!, false)).toBe(' vaddr anywhere');
  });

  it('refuses what libxt_ipvs refuses', () => {
    expect(errorOf('-m ipvs -j ACCEPT')).toMatch(/At least one option is required/);
    expect(errorOf('-m ipvs ! --ipvs --vport 80 -j ACCEPT')).toMatch(/! --ipvs cannot be together with other options/);
    expect(errorOf('-m ipvs --vdir SIDEWAYS -j ACCEPT')).toMatch(/--vdir/);
    expect(errorOf('-m ipvs --vproto nosuch -j ACCEPT')).toMatch(/unknown protocol/);
    expect(errorOf('-m ipvs --vport 80 --vport 81 -j ACCEPT')).toMatch(/more than once/);
  });

  it('reads back what it prints (iptables-save → iptables-restore → iptables-save)', () => {
    const option = fc.oneof(
      fc.tuple(fc.boolean(), fc.constantFrom('tcp', 'udp', 'sctp', '6', '17', '47')).map(([n, p]) => `${n ? '! ' : ''}--vproto ${p}`),
      fc.tuple(fc.boolean(), fc.ipV4(), fc.integer({ min: 0, max: 32 })).map(([n, a, l]) => `${n ? '! ' : ''}--vaddr ${a}/${l}`),
      fc.tuple(fc.boolean(), fc.integer({ min: 0, max: 65535 })).map(([n, p]) => `${n ? '! ' : ''}--vport ${p}`),
      fc.constantFrom('--vdir ORIGINAL', '--vdir REPLY'),
      fc.tuple(fc.boolean(), fc.constantFrom('GATE', 'IPIP', 'MASQ')).map(([n, m]) => `${n ? '! ' : ''}--vmethod ${m}`),
      fc.tuple(fc.boolean(), fc.integer({ min: 0, max: 65535 })).map(([n, p]) => `${n ? '! ' : ''}--vportctl ${p}`),
    );
    const uniqueByName = (opts: string[]): string[] => [...new Map(opts.map((o) => [o.replace(/^! /, '').split(' ')[0]!, o])).values()];
    fc.assert(
      fc.property(fc.array(option, { minLength: 1, maxLength: 6 }).map(uniqueByName), (opts) => {
        const first = printIptablesSave(parseIptables(`*filter\n:OUTPUT ACCEPT [0:0]\n-A OUTPUT -m ipvs ${opts.join(' ')} -j ACCEPT\nCOMMIT\n`).ruleset);
        const again = parseIptables(first);
        expect(again.errors).toEqual([]);
        expect(printIptablesSave(again.ruleset)).toBe(first);
      }),
    );
  });
});

/** Whether the real libxt_ipvs can be asked: root, a namespace and iptables-legacy-restore here. */
function probeLibxtIpvs(): { available: boolean; reason: string } {
  if (process.platform !== 'linux') return { available: false, reason: 'not Linux' };
  const which = spawnSync('sh', ['-c', 'command -v iptables-legacy-restore && command -v unshare'], { encoding: 'utf8' });
  if (which.status !== 0) return { available: false, reason: 'iptables-legacy-restore or unshare is not installed' };
  const probe = spawnSync('unshare', ['-n', 'iptables-legacy-restore', '--test'], { input: '*filter\nCOMMIT\n', encoding: 'utf8' });
  if (probe.status !== 0) return { available: false, reason: `cannot run iptables-legacy-restore in a namespace: ${probe.stderr.trim().split('\n')[0] ?? ''}` };
  return { available: true, reason: '' };
}

const real = probeLibxtIpvs();

describe.skipIf(!real.available)(`-m ipvs against the real libxt_ipvs (${real.available ? 'iptables-legacy-restore --test -v' : `skipped: ${real.reason}`})`, () => {
  it('parses every case as we do and prints the same options', () => {
    const input = ['*filter', ':OUTPUT ACCEPT [0:0]', ...CASES.map((c) => `-A OUTPUT ${c}`), 'COMMIT', ''].join('\n');
    // --test parses and checks each rule with the real extension without loading it into the kernel (which has no xt_ipvs).
    const run = spawnSync('unshare', ['-n', 'iptables-legacy-restore', '--test', '-v'], { input, encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    const printed = run.stdout.split('\n').filter((l) => l.includes('opt'));
    expect(printed).toHaveLength(CASES.length);
    CASES.forEach((c, i) => {
      const ours = matchListText(onlyRule(c).matches.find((m) => m.kind === 'ipvs')!, true);
      // FMT_PRINT_RULE: target, proto, opt, in/out, source -> destination, then each match's print(); trailing space stripped.
      expect(printed[i]!.trimEnd().endsWith(ours), `${c}\n  real: ${printed[i]}\n  ours:${ours}`).toBe(true);
    });
  });
});
