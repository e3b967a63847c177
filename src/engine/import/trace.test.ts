import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importDump } from './import';
import { nodeSetup } from './node-setup';
import { traceDump } from './trace';
import { spreadDump } from './spread';
import { dumpTraceJson } from './report';
import { loadScenario } from '../cluster/load';
import { createNetwork } from '../sim/network';
import { runConnection } from '../sim/journey';
import { printIptablesSave } from '../netfilter/print';
import { printRoutes } from '../sim/topology';
import { formatIpv4 } from '../ipv4';
import type { Hop, RuleHop } from '../node/hops';
import type { JourneyHop } from '../sim/carry';

const text = (path: string): string => readFileSync(new URL(`../../../${path}`, import.meta.url), 'utf8');
const eks = importDump(text('test-vectors/dumps/eks-node-L.txt'));
const kind = importDump(text('test-vectors/dumps/kind-worker-nat-S.txt'));

describe('tracing the EKS node from the notes', () => {
  const setup = nodeSetup(eks);

  it('takes the node IP from the EC2 prompt', () => {
    expect(setup.nodeIps.map(formatIpv4)).toEqual(['10.56.128.40']);
  });

  it('a packet to test/svc-nginx 172.30.191.111:80 is DNATed to an endpoint through the dump\'s own lines', () => {
    const t = traceDump(eks, setup, { src: '10.56.128.99', dst: '172.30.191.111:80' });
    expect(t.outcome).toBe('delivered');
    const json = dumpTraceJson(t, eks);
    const matched = json.packets[0]!.hops.filter((h) => h.matched && h.table === 'nat' && h.hook === 'PREROUTING');
    expect(matched.map((h) => h.chain).slice(0, 3)).toEqual(['PREROUTING', 'KUBE-SERVICES', 'KUBE-SVC-MRW7XFPFSYA2VFWG']);
    expect(matched.at(-1)!.target).toBe('DNAT');
    expect(matched.every((h) => typeof h.line === 'number')).toBe(true);
    expect(['10.56.115.164', '10.56.120.51', '10.56.135.64', '10.56.143.55']).toContain(json.endpoint!.ip);
    expect(json.packets[0]!.leaves).toMatchObject({ interface: 'eth0' });
    // the reply is un-DNATed on its way back
    expect(json.packets[1]!.delivered!.src).toBe('172.30.191.111');
    expect(json.conntrack['ip-10-56-128-40']![0]).toMatch(/^tcp\s+6 \d+ TIME_WAIT src=10\.56\.128\.99 dst=172\.30\.191\.111 /);
  });

  it('the four endpoints share the connections 1/4, 1/3, 1/2, rest: a quarter each', () => {
    const r = spreadDump(eks, setup, { src: '10.56.128.99', dst: '172.30.191.111:80', connections: 8000 });
    expect(Object.keys(r.endpoints).sort()).toEqual(['10.56.115.164:80', '10.56.120.51:80', '10.56.135.64:80', '10.56.143.55:80']);
    for (const n of Object.values(r.endpoints)) expect(Math.abs(n / 8000 - 0.25)).toBeLessThan(0.025);
    expect(r.failed).toBe(0);
  });

  it('KUBE-FIREWALL drops a packet to 127.0.0.1 from outside, as on the node', () => {
    const t = traceDump(eks, setup, { src: '10.56.128.99', dst: '127.0.0.1:10249' });
    expect(t.outcome).toBe('dropped');
    expect(t.packets[0]!.fate).toMatchObject({ kind: 'dropped' });
  });
});

describe('tracing the kind node from the notes (its KUBE-SEP chains were cut from the paste)', () => {
  const setup = nodeSetup(kind, { nodeIps: ['172.18.0.3'] });

  it('stops at the KUBE-SEP jump and names the endpoint kube-proxy wrote in its comment', () => {
    const t = traceDump(kind, setup, { src: '10.10.1.5', dst: '10.200.1.201:9000', arrival: { from: 'network', interface: 'veth1' } });
    expect(t.outcome).toBe('incomplete');
    expect(['10.10.1.2', '10.10.2.2', '10.10.3.3']).toContain(t.endpoint!.ip);
    expect(t.endpoint!.namedBy).toMatch(/^KUBE-SEP-/);
  });

  it('reaches the three endpoints the dump names, a third each, through the same rule lines', () => {
    const r = spreadDump(kind, setup, { src: '10.10.1.5', dst: '10.200.1.201:9000', connections: 9000 });
    expect(r.namedBy).toEqual({ '10.10.1.2:80': 'KUBE-SEP-TBW2IYJKUCAC7GB3', '10.10.2.2:80': 'KUBE-SEP-DOIEFYKPESCDTYCH', '10.10.3.3:80': 'KUBE-SEP-K7ALM6KJRBAYOHKX' });
    for (const n of Object.values(r.endpoints)) expect(Math.abs(n / 9000 - 1 / 3)).toBeLessThan(0.03);
  });
});

describe('a generated dump traces like the scenario it came from', () => {
  const cases = [
    { scenario: 'src/scenarios/lessons/01-clusterip.yaml', from: 'net-pod', to: 'svc-clusterip' },
    { scenario: 'src/scenarios/lessons/03-nodeport.yaml', from: 'external', to: undefined },
  ];
  for (const c of cases) {
    it(`${c.scenario}: ${c.from} → ${c.to ?? 'a NodePort'}`, () => {
      const cluster = loadScenario(text(c.scenario)).cluster!;
      const network = createNetwork(cluster, { seed: 7 });
      const to = c.to ?? (() => {
        const svc = cluster.services.find((s) => s.ports.some((p) => p.nodePort));
        return `${cluster.nodes.find((n) => n.role === 'worker')!.name}:${svc!.ports.find((p) => p.nodePort)!.nodePort}`;
      })();
      const journey = runConnection(network, { from: c.from, to, sport: 40000 });
      const first = journey.packets[0]!.hops.find((h) => h.kind === 'rule')!;
      const nodeName = first.node;
      const sim = network.nodes.get(nodeName)!;
      const dump = importDump(printIptablesSave(createNetwork(cluster).nodes.get(nodeName)!.ruleset) + `\n# ip route\n${printRoutes(sim.topology)}\n`);
      const setup = nodeSetup(dump, { name: nodeName, nodeIps: [formatIpv4(sim.topology.internalIP), formatIpv4(sim.topology.gateway)] });
      const sendHop = journey.packets[0]!.hops[0]!;
      const firstNodeHop = journey.packets[0]!.hops.find((h): h is RuleHop => h.kind === 'rule' && h.node === nodeName);
      const arrival = firstNodeHop?.hook === 'OUTPUT' ? ({ from: 'local' } as const) : ({ from: 'network', interface: sim.topology.interfaces.find((i) => i.pod?.endsWith(`/${c.from}`))?.name ?? 'eth0' } as const);
      expect(sendHop.kind).toBe('send');
      const sent = sendHop.kind === 'send' ? sendHop.packet : undefined!;
      const t = traceDump(dump, setup, { src: `${formatIpv4(sent.src)}:${sent.sport}`, dst: `${formatIpv4(sent.dst)}:${sent.dport}`, arrival, seed: 7 });
      const ruleHops = (hops: readonly (Hop | JourneyHop)[]): string[] =>
        hops.filter((h): h is RuleHop => h.kind === 'rule' && h.node === nodeName).map((h) => `${h.hook} ${h.table} ${h.chain} ${h.rule} ${h.matched} ${h.target ?? ''}`);
      // The SYN on the node where the Service is translated: the same rules, in the same order, with the same verdicts.
      expect(ruleHops(t.packets[0]!.hops)).toEqual(ruleHops(journey.packets[0]!.hops));
      expect(ruleHops(t.packets[0]!.hops).length).toBeGreaterThan(5);
      const left = t.packets[0]!.fate;
      expect(left.kind).toBe('left');
      if (left.kind === 'left') expect(`${formatIpv4(left.header.dst)}:${left.header.dport}`).toBe(`${formatIpv4(journey.endpoint!.ip)}:${journey.endpoint!.port}`);
    });
  }
});
