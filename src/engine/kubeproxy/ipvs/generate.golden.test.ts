/**
 * IPVS mode, one scenario per feature under __golden__/NAME.yaml (its first line names the
 * pkg/proxy/ipvs/proxier_test.go case it mirrors; kind-default is the notes' kind cluster): NAME.restore
 * is the iptables-restore text, NAME.save what iptables-save prints after loading it, NAME.ipvsadm
 * `ipvsadm -Ln`, NAME.ipset `ipset list`, NAME.ip-addr `ip addr show kube-ipvs0`. UPDATE_GOLDEN=1
 * rewrites them; review the diff against proxier.go.
 * The real tools judge the printing where root can make a network namespace: the sets are created with
 * the real `ipset restore` and the rules loaded with the real iptables-restore (so the references are
 * real too), then `ipset list` and `iptables-save` must print exactly what we print. kube-ipvs0 is
 * checked with `ip`, on an ifb device standing in for the dummy (this kernel has no dummy module; both
 * are created BROADCAST,NOARP, down, queueless).
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { loadScenario } from '../../cluster/load';
import { printIpAddrShow } from '../../ipvs/dummy-interface';
import { ipsetRestoreText, printIpsetList } from '../../ipvs/ipset';
import { printIpvsadmList } from '../../ipvs/print-ipvsadm';
import { printIptablesSave } from '../../netfilter/print';
import { expectGolden } from '../../test-support/golden';
import { withoutComments } from '../../test-support/iptables';
import { probeRealIpset } from '../../test-support/ipset';
import type { IpvsNode } from './generate';
import { generateIpvsNode } from './generate';

const DIR = join(import.meta.dirname, '__golden__');
const cases = readdirSync(DIR).filter((f) => f.endsWith('.yaml')).map((f) => f.slice(0, -5)).sort();

function generateCase(name: string): IpvsNode {
  const text = readFileSync(join(DIR, `${name}.yaml`), 'utf8');
  const node = /^# node: (\S+)$/m.exec(text)?.[1] ?? 'test-node';
  const loaded = loadScenario(text);
  const errors = loaded.diagnostics.filter((d) => d.severity === 'error');
  if (loaded.cluster === undefined || errors.length > 0) throw new Error(`${name}: ${errors.map((e) => `${e.line}:${e.col} ${e.message}`).join('; ')}`);
  expect(loaded.cluster.kubeProxy.mode).toBe('ipvs');
  return generateIpvsNode(loaded.cluster, node);
}

describe('IPVS golden scenarios', () => {
  test.each(cases)('%s', (name) => {
    const n = generateCase(name);
    expectGolden(DIR, `${name}.restore`, n.restoreText);
    expectGolden(DIR, `${name}.save`, printIptablesSave(n.ruleset, { tables: ['nat', 'filter'] }));
    expectGolden(DIR, `${name}.ipvsadm`, printIpvsadmList(n.ipvs));
    expectGolden(DIR, `${name}.ipset`, printIpsetList(n.ipsets));
    expectGolden(DIR, `${name}.ip-addr`, printIpAddrShow(n.dummy));
  });
});

const real = probeRealIpset();
const SEP = '@@@KPL-SEPARATOR@@@';

/** Runs `script` in a fresh network namespace with `input` on stdin; the outputs of the parts after each separator. */
function inNamespace(script: string, input: string): string[] {
  const run = spawnSync('unshare', ['-n', 'bash', '-c', script], { input, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  return run.stdout.split(`${SEP}\n`).slice(1);
}

describe.skipIf(!real.available)(`real ipset, iptables and ip (${real.available ? real.version : `skipped: ${real.reason}`})`, () => {
  // xt_ipvs (`-m ipvs`) is not in this kernel: a rule that uses it cannot be loaded here.
  const loadable = cases.filter((name) => !generateCase(name).restoreText.includes('-m ipvs'));

  test.each(loadable)('%s: ipset list and iptables-save print what we print', (name) => {
    const n = generateCase(name);
    const sets = ipsetRestoreText(n.ipsets);
    // The sets must exist before the rules that name them; both texts go through stdin, split by the marker line.
    const script = [
      'set -e',
      `sed '/^${SEP}$/,$d' | ipset restore`,
      `echo '${SEP}'; ipset list`,
    ].join('\n');
    const [ipsetOnly] = inNamespace(script, sets);
    expect(ipsetOnly).toBe(printIpsetList(n.ipsets.map((s) => ({ ...s, references: 0 }))));
    const both = [
      'set -e',
      `cat > /tmp/kpl-ipvs-input.$$`,
      `sed '/^${SEP}$/,$d' /tmp/kpl-ipvs-input.$$ | ipset restore`,
      `sed '1,/^${SEP}$/d' /tmp/kpl-ipvs-input.$$ | iptables-restore`,
      `rm -f /tmp/kpl-ipvs-input.$$`,
      `echo '${SEP}'; ipset list`,
      `echo '${SEP}'; iptables-save -t nat; iptables-save -t filter`,
    ].join('\n');
    const [list, save] = inNamespace(both, `${sets}${SEP}\n${n.restoreText}`);
    expect(list).toBe(printIpsetList(n.ipsets));
    expect(withoutComments(save!)).toBe(printIptablesSave(n.ruleset, { tables: ['nat', 'filter'] }));
  });

  test.each(cases)('%s: ip addr show kube-ipvs0 prints what we print', (name) => {
    const { dummy } = generateCase(name);
    const script = [
      'set -e',
      `ip link add ${dummy.name} index ${dummy.index} address ${dummy.mac} type ifb`,
      `ip link set ${dummy.name} arp off multicast off txqueuelen 0`,
      ...dummy.addresses.map((a) => `ip addr add ${a}/32 dev ${dummy.name}`),
      `echo '${SEP}'; ip addr show ${dummy.name}`,
    ].join('\n');
    const [shown] = inNamespace(script, '');
    expect(shown).toBe(printIpAddrShow(dummy));
  });
});
