/**
 * The roles the IPVS writer records must name the rules the node holds: every rule of every chain has
 * one, at the same position, with the set the rule really matches and the target its role stands for.
 * Checked on every golden IPVS scenario (proxier_test.go's cases and the notes' kind cluster) and on the
 * lessons' kind clusters in IPVS mode; then the words of each role, in both languages.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, test } from 'vitest';
import { loadScenario } from '../../cluster/load';
import { ipvsHopWords, ipvsRuleReason, ipvsRuleWords } from '../../explain/ipvs-roles';
import type { Rule, Target } from '../../netfilter/model';
import { generateIpvsNode, type IpvsNode } from './generate';
import type { IpvsRuleRole } from './meaning';

const DIR = join(import.meta.dirname, '__golden__');
const cases = readdirSync(DIR).filter((f) => f.endsWith('.yaml')).map((f) => f.slice(0, -5)).sort();

function nodeOf(text: string, fallback = 'test-node'): IpvsNode {
  const node = /^# node: (\S+)$/m.exec(text)?.[1] ?? fallback;
  return generateIpvsNode(loadScenario(text).cluster!, node);
}

const targetName = (t: Target): string => (t.kind === 'jump' || t.kind === 'goto' ? t.chain : t.kind);

/** What each role's rule jumps to or does (the target's chain, verdict or extension name). */
const TARGET: Readonly<Record<IpvsRuleRole, readonly string[]>> = {
  'jump-to-services': ['KUBE-SERVICES'],
  'jump-to-postrouting': ['KUBE-POSTROUTING'],
  'jump-to-forward': ['KUBE-FORWARD'],
  'jump-to-health-check': ['KUBE-NODE-PORT'],
  'jump-to-proxy-firewall': ['KUBE-PROXY-FIREWALL'],
  'jump-to-ipvs-filter': ['KUBE-IPVS-FILTER'],
  'jump-to-ipvs-out-filter': ['KUBE-IPVS-OUT-FILTER'],
  'jump-to-kubelet-firewall': ['KUBE-FIREWALL'],
  'block-localnet': ['DROP'],
  'localhost-return': ['RETURN'],
  'cluster-ip-masquerade-off-cluster': ['KUBE-MARK-MASQ'],
  'cluster-ip-masquerade-all': ['KUBE-MARK-MASQ'],
  'cluster-ip-masquerade-vip-source': ['KUBE-MARK-MASQ'],
  'load-balancer-jump': ['KUBE-LOAD-BALANCER'],
  'external-ip-masquerade': ['KUBE-MARK-MASQ'],
  'external-ip-accept-off-machine': ['ACCEPT'],
  'external-ip-accept-local': ['ACCEPT'],
  'jump-to-node-port': ['KUBE-NODE-PORT'],
  'accept-service': ['ACCEPT'],
  'node-port-local-return': ['RETURN'],
  'node-port-masquerade': ['KUBE-MARK-MASQ'],
  'load-balancer-local-return': ['RETURN'],
  'load-balancer-masquerade': ['KUBE-MARK-MASQ'],
  'loop-back-masquerade': ['MASQUERADE'],
  'masquerade-skip-unmarked': ['RETURN'],
  'masquerade-clear-mark': ['MARK'],
  masquerade: ['MASQUERADE'],
  'masquerade-mark': ['MARK'],
  'forward-marked': ['ACCEPT'],
  'forward-established': ['ACCEPT'],
  'health-check-accept': ['ACCEPT'],
  'source-ranges-jump': ['KUBE-SOURCE-RANGES-FIREWALL'],
  'source-range-allowed': ['RETURN'],
  'source-range-drop': ['DROP'],
  'no-node-access-drop': ['DROP'],
  'ipvs-filter-return': ['RETURN'],
  'ipvs-filter-reject': ['REJECT'],
};

const setOf = (r: Rule): string | undefined => {
  const m = r.matches.find((x) => x.kind === 'set');
  return m?.kind === 'set' ? m.setName : undefined;
};

/** Every rule has its meaning at its own position; returns the roles met. */
function checkNode(n: IpvsNode): Set<string> {
  const met = new Set<string>();
  for (const [tableName, table] of n.ruleset.tables)
    for (const [chainName, chain] of table.chains)
      chain.rules.forEach((rule, i) => {
        const found = n.meanings.ruleAt(tableName, chainName, i);
        const where = `${tableName} ${chainName} #${i + 1}`;
        expect(found, where).toBeDefined();
        if (found!.kind === 'iptables') {
          // kindnet's masq agent keeps its iptables-mode meanings (the same rules in every mode).
          expect(found!.meaning.role, where).toMatch(/kind-masq/);
          return;
        }
        const m = found!.meaning;
        met.add(m.role);
        expect(TARGET[m.role], `${where}: ${m.role}`).toContain(targetName(rule.target));
        expect(m.set, `${where}: ${m.role}`).toBe(setOf(rule));
      });
  // Nothing recorded beyond the rules there are.
  for (const [tableName, table] of n.ruleset.tables) for (const [chainName, chain] of table.chains) expect(n.meanings.ruleAt(tableName, chainName, chain.rules.length)).toBeUndefined();
  return met;
}

describe('IPVS rule meanings name the rules the node holds', () => {
  test.each(cases)('%s', (name) => {
    checkNode(nodeOf(readFileSync(join(DIR, `${name}.yaml`), 'utf8')));
  });

  it('the goldens together meet every role', () => {
    const met = new Set<string>();
    for (const name of cases) for (const r of checkNode(nodeOf(readFileSync(join(DIR, `${name}.yaml`), 'utf8')))) met.add(r);
    expect((Object.keys(TARGET) as IpvsRuleRole[]).filter((r) => !met.has(r))).toEqual([]);
  });

  it('knows the Service of an address: ClusterIP, NodePort on a node address, nothing for other ports', () => {
    const lesson = readFileSync(join(import.meta.dirname, '../../../scenarios/lessons/03-nodeport.yaml'), 'utf8').replace(/^( {2}serviceSubnet: .*\n)/m, '$1  kubeProxyMode: ipvs\n');
    const n = nodeOf(lesson, 'myk8s-worker');
    const svc = n.state.servicePorts.find((sp) => sp.nodePort !== 0)!;
    expect(n.meanings.serviceAt(svc.clusterIP.value, 'TCP', svc.port.port)).toBe(svc.name);
    expect(n.meanings.serviceAt('172.18.0.3', 'tcp', svc.nodePort)).toBe(svc.name);
    expect(n.meanings.serviceAt(svc.clusterIP.value, 'tcp', 10250)).toBeUndefined();
    expect(n.meanings.serviceAt(svc.clusterIP.value, 'udp', svc.port.port)).toBeUndefined();
  });
});

describe('the words of each role', () => {
  const facts = { dest: '10.96.0.10:53', src: '10.244.1.5:40000', protocol: 'udp', service: 'kube-system/kube-dns:dns' };
  const hangul = /[\uac00-\ud7a3]/;
  test.each(Object.keys(TARGET) as IpvsRuleRole[])('%s', (role) => {
    const set = role === 'ipvs-filter-reject' ? 'KUBE-IPVS-IPS' : 'KUBE-CLUSTER-IP';
    for (const w of [ipvsRuleWords({ role, set }), ipvsRuleReason({ role, set }, facts)]) {
      expect(w.en.length).toBeGreaterThan(10);
      expect(w.ko).toMatch(hangul);
      expect(`${w.en} ${w.ko}`).not.toMatch(/undefined|\{|\}/);
      // No space between an address, a number or a name and its particle (withParticle writes it straight after).
      expect(w.ko).not.toMatch(/[A-Za-z0-9)\]] (을|를|이|가|은|는|으로|로)(?=[ ,.])/);
    }
  });

  it('the hairpin and the ping say why', () => {
    expect(ipvsRuleReason({ role: 'loop-back-masquerade', set: 'KUBE-LOOP-BACK' }, { dest: '10.10.1.2:80', src: '10.10.1.2:41000', protocol: 'tcp' }).en).toBe(
      '10.10.1.2:80 with source 10.10.1.2 is in KUBE-LOOP-BACK: a pod reaching itself through its Service (hairpin) is masqueraded, or it would answer itself',
    );
    const ping = ipvsRuleReason({ role: 'ipvs-filter-reject', set: 'KUBE-IPVS-IPS' }, { dest: '10.200.1.100:0', src: '10.10.0.4:0', protocol: 'icmp' });
    expect(ping.en).toBe('10.200.1.100 is on kube-ipvs0 (in KUBE-IPVS-IPS) but no Service listens there for ICMP, and this is a new connection');
    expect(ping.ko).toBe('10.200.1.100은 kube-ipvs0의 주소(KUBE-IPVS-IPS)지만 ICMP에는 서비스가 없고, 새 연결임');
  });

  it('the virtual server hop names its scheduler, real server and persistence', () => {
    const vs = { protocol: 'TCP', address: '10.96.0.10', port: 53, scheduler: 'lc', realServers: 2, persistentTimeout: 10800 };
    const w = ipvsHopWords({ action: 'schedule', hook: 'OUTPUT', vs, realServer: '10.244.1.5:53', from: '10.96.0.10:53', to: '10.244.1.5:53', service: 'kube-system/kube-dns:dns' });
    expect(w.en).toContain('IPVS at LOCAL_OUT');
    expect(w.en).toContain('scheduler `lc` (least connection) picks 10.244.1.5:53');
    expect(w.en).toContain('kube-system/kube-dns');
    expect(w.ko).toContain('최소 연결 스케줄러 `lc`가 10.244.1.5:53을 고릅니다');
    expect(ipvsHopWords({ action: 'schedule', hook: 'INPUT', vs, persistent: true, realServer: '10.244.1.5:53', from: 'a', to: 'b' }).en).toContain('persistence template sends it back to 10.244.1.5:53');
    expect(ipvsHopWords({ action: 'no-destination', hook: 'INPUT', vs: { ...vs, realServers: 0 }, from: 'a', to: 'a' }).en).toContain('ICMP port unreachable');
  });
});
