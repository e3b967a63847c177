/**
 * pkg/proxy/ipvs/proxier_test.go's own expectations, table by table: `checkIptables` (each chain's rules as
 * JumpChain + MatchSet, in order), `checkIPVS` (number of virtual servers, one server's destinations) and
 * `checkIPSet` (entries per set), run against the golden scenarios that mirror those tests.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../cluster/load';
import type { Target } from '../../netfilter/model';
import { generateIpvsNode, type IpvsNode } from './generate';

const node = (name: string): IpvsNode => {
  const text = readFileSync(join(import.meta.dirname, '__golden__', `${name}.yaml`), 'utf8');
  const loaded = loadScenario(text);
  if (!loaded.cluster) throw new Error(name);
  return generateIpvsNode(loaded.cluster, 'test-node');
};

const jumpName = (t: Target): string => (t.kind === 'jump' || t.kind === 'goto' ? t.chain : t.kind);

/** netlinktest.ExpectedIptablesChain: per chain, `{JumpChain, MatchSet}` of each rule in order. */
function chainShape(n: IpvsNode, table: 'nat' | 'filter', chain: string): { jump: string; set: string }[] {
  return (n.ruleset.tables.get(table)?.chains.get(chain)?.rules ?? []).map((r) => ({
    jump: jumpName(r.target),
    set: r.matches.find((m) => m.kind === 'set')?.setName ?? '',
  }));
}

const servers = (n: IpvsNode): string[] => n.ipvs.virtualServers.map((v) => `${v.protocol} ${v.address}:${v.port}`).sort();
const dests = (n: IpvsNode, key: string): string[] =>
  n.ipvs.virtualServers.find((v) => `${v.protocol} ${v.address}:${v.port}` === key)?.realServers.map((r) => `${r.address}:${r.port}/w${r.weight}/${r.forward}`) ?? [];

describe('proxier_test.go expectations', () => {
  it('TestLoadBalancer: 3 services here (2 in the test, whose fake node has no node IP for the NodePort), 1 destination; KUBE-SERVICES and KUBE-LOAD-BALANCER chains', () => {
    const n = node('loadbalancer');
    expect(servers(n)).toEqual(['TCP 1.2.3.4:80', 'TCP 10.20.30.41:80', 'TCP 100.101.102.103:3001']);
    expect(dests(n, 'TCP 1.2.3.4:80')).toEqual(['10.180.0.1:80/w1/Masq']);
    expect(n.state.ipsets.get('KUBE-LOAD-BALANCER')).toEqual(['1.2.3.4,tcp:80']);
    expect(chainShape(n, 'nat', 'KUBE-SERVICES')).toEqual([
      { jump: 'RETURN', set: '' },
      { jump: 'KUBE-LOAD-BALANCER', set: 'KUBE-LOAD-BALANCER' },
      { jump: 'KUBE-MARK-MASQ', set: 'KUBE-CLUSTER-IP' },
      { jump: 'KUBE-NODE-PORT', set: '' },
      { jump: 'ACCEPT', set: 'KUBE-CLUSTER-IP' },
      { jump: 'ACCEPT', set: 'KUBE-LOAD-BALANCER' },
    ]);
    expect(chainShape(n, 'nat', 'KUBE-LOAD-BALANCER')).toEqual([{ jump: 'KUBE-MARK-MASQ', set: '' }]);
  });

  it('TestOnlyLocalNodePorts: 2 services, the NodePort one with only the local endpoint; KUBE-NODE-PORT returns for the Local set first', () => {
    const n = node('only-local-nodeports');
    expect(servers(n)).toEqual(['TCP 10.20.30.41:80', 'TCP 100.101.102.103:3001']);
    expect(dests(n, 'TCP 100.101.102.103:3001')).toEqual(['10.180.0.1:80/w1/Masq']);
    expect(n.state.ipsets.get('KUBE-NODE-PORT-TCP')).toEqual(['3001']);
    expect(n.state.ipsets.get('KUBE-NODE-PORT-LOCAL-TCP')).toEqual(['3001']);
    expect(chainShape(n, 'nat', 'KUBE-SERVICES')).toEqual([
      { jump: 'RETURN', set: '' },
      { jump: 'KUBE-MARK-MASQ', set: 'KUBE-CLUSTER-IP' },
      { jump: 'KUBE-NODE-PORT', set: '' },
      { jump: 'ACCEPT', set: 'KUBE-CLUSTER-IP' },
    ]);
    expect(chainShape(n, 'nat', 'KUBE-NODE-PORT')).toEqual([
      { jump: 'RETURN', set: 'KUBE-NODE-PORT-LOCAL-TCP' },
      { jump: 'KUBE-MARK-MASQ', set: 'KUBE-NODE-PORT-TCP' },
    ]);
  });

  it('TestHealthCheckNodePort / TestOnlyLocalLoadBalancing: the health check port is accepted by filter KUBE-NODE-PORT; KUBE-LOAD-BALANCER returns for Local', () => {
    const n = node('only-local-loadbalancer');
    expect(n.state.ipsets.get('KUBE-HEALTH-CHECK-NODE-PORT')).toEqual(['30000']);
    expect(n.state.ipsets.get('KUBE-LOAD-BALANCER-LOCAL')).toEqual(['1.2.3.4,tcp:80']);
    expect(chainShape(n, 'filter', 'KUBE-NODE-PORT')).toEqual([{ jump: 'ACCEPT', set: 'KUBE-HEALTH-CHECK-NODE-PORT' }]);
    expect(chainShape(n, 'nat', 'KUBE-LOAD-BALANCER')).toEqual([{ jump: 'RETURN', set: 'KUBE-LOAD-BALANCER-LOCAL' }, { jump: 'KUBE-MARK-MASQ', set: '' }]);
  });

  it('TestLoadBalancerSourceRanges: FW set, source CIDR entry, KUBE-PROXY-FIREWALL → KUBE-SOURCE-RANGES-FIREWALL (RETURN, then DROP)', () => {
    const n = node('loadbalancer-source-ranges');
    expect(n.state.ipsets.get('KUBE-LOAD-BALANCER-FW')).toEqual(['1.2.3.4,tcp:80']);
    expect(n.state.ipsets.get('KUBE-LOAD-BALANCER-SOURCE-CIDR')).toEqual(['1.2.3.4,tcp:80,1.2.0.0/16']);
    expect(chainShape(n, 'filter', 'KUBE-PROXY-FIREWALL')).toEqual([{ jump: 'KUBE-SOURCE-RANGES-FIREWALL', set: 'KUBE-LOAD-BALANCER-FW' }]);
    expect(chainShape(n, 'filter', 'KUBE-SOURCE-RANGES-FIREWALL')).toEqual([{ jump: 'RETURN', set: 'KUBE-LOAD-BALANCER-SOURCE-CIDR' }, { jump: 'DROP', set: '' }]);
    // kubernetes#119656: the node's own address is outside the ranges, so it may not reach the LB IP either.
    expect(n.state.noNodeAccess).toEqual([{ ip: '1.2.3.4', protocol: 'tcp', port: 80 }]);
  });

  it('TestExternalIPs: every external IP gets a virtual server; only addresses not on another interface are bound to kube-ipvs0', () => {
    const n = node('external-ips');
    expect(servers(n)).toEqual(['TCP 10.20.30.41:80', 'TCP 100.101.102.103:80', 'TCP 50.60.70.81:80']);
    expect(n.state.boundAddresses).toEqual(['10.20.30.41', '50.60.70.81']);
    expect(n.state.ipsets.get('KUBE-IPVS-IPS')).toEqual(['10.20.30.41', '50.60.70.81']);
  });

  it('TestOnlyLocalExternalIPs: the external virtual server holds the local endpoint only', () => {
    const n = node('only-local-external-ips');
    expect(dests(n, 'TCP 50.60.70.81:80')).toEqual(['10.180.0.1:80/w1/Masq']);
    expect(dests(n, 'TCP 10.20.30.41:80')).toEqual(['10.180.0.1:80/w1/Masq', '10.180.1.1:80/w1/Masq']);
    expect(n.state.ipsets.get('KUBE-EXTERNAL-IP-LOCAL')).toEqual(['50.60.70.81,tcp:80']);
    expect(n.state.ipsets.get('KUBE-EXTERNAL-IP')).toEqual([]);
  });

  it('TestSessionAffinity: ClientIP affinity is persistence with the timeout on every virtual server of the port', () => {
    const n = node('session-affinity');
    expect(n.ipvs.virtualServers.map((v) => v.persistentTimeout)).toEqual([10800, 10800]);
  });

  it('TestNodePortIPv4 (SCTP): KUBE-NODE-PORT-SCTP-HASH holds node IP + port, matched dst,dst with -p sctp', () => {
    const n = node('nodeport-sctp');
    expect(n.state.ipsets.get('KUBE-NODE-PORT-SCTP-HASH')).toEqual(['100.101.102.103,sctp:3001']);
    const rule = n.ruleset.tables.get('nat')?.chains.get('KUBE-NODE-PORT')?.rules[0];
    expect(rule?.ip.protocol?.value).toBe('sctp');
    expect(rule?.matches.find((m) => m.kind === 'set')).toMatchObject({ setName: 'KUBE-NODE-PORT-SCTP-HASH', flags: ['dst', 'dst'] });
  });
});
