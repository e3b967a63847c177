import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../cluster/load';
import { formatIpv4 } from '../ipv4';
import { printIptablesSave } from '../netfilter/print';
import { printNftList } from '../nftables/print-list';
import type { Hop } from '../node/hops';
import { withMode } from '../sim/data-planes';
import { runConnection } from '../sim/journey';
import { createNetwork } from '../sim/network';
import { printRoutes } from '../sim/topology';
import type { JourneyHop } from '../sim/carry';
import { importDump } from './import';
import { nodeSetup } from './node-setup';
import { dumpTraceText } from './report';
import { spreadDump } from './spread';
import { traceDump } from './trace';
import { diffDump } from './diff';
import { diffText } from './diff-text';

const text = (path: string): string => readFileSync(new URL(`../../../${path}`, import.meta.url), 'utf8');

describe('the real `nft list ruleset` of kube-proxy\'s nftables test fixture', () => {
  const dump = importDump(text('test-vectors/nftables/nft-list-ruleset.txt'));

  it('is the same text as the example the Import dialog offers', () => {
    expect(text('src/scenarios/dumps/kube-proxy-nft-list-ruleset.txt')).toBe(text('test-vectors/nftables/nft-list-ruleset.txt'));
  });

  it('is read whole: no issue, one nft section, owners from the table name, every rule on its line', () => {
    expect(dump.issues).toEqual([]);
    expect(dump.sections).toEqual([{ format: 'nft', firstLine: 1, lastLine: 227 }]);
    expect(dump.nft!.ruleset.tables.map((t) => `${t.family} ${t.name}`)).toEqual(['ip kube-proxy']);
    expect(dump.owners.get('ip kube-proxy/services')).toBe('kube-proxy');
    const services = dump.nft!.ruleset.tables[0]!.chains.find((c) => c.name === 'services')!;
    expect(services.rules.map((r) => dump.nft!.ruleLines.get(r))).toEqual([138, 139]);
  });

  it('traces a packet to ns4/svc4 through the map lookups to one of its two endpoints, each rule and lookup on its line', () => {
    const setup = nodeSetup(dump, { nodeIps: ['192.168.0.2'] });
    const t = traceDump(dump, setup, { src: '10.0.3.7', dst: '172.30.0.44:80', seed: 3 });
    expect(t.outcome).toBe('delivered');
    expect(['10.180.0.4', '10.180.0.5']).toContain(t.endpoint!.ip);
    const lookups = t.packets[0]!.hops.filter((h) => h.kind === 'map-lookup');
    expect(lookups.map((h) => h.kind === 'map-lookup' && h.map)).toEqual(expect.arrayContaining(['service-ips', '{…}']));
    const textOut = dumpTraceText(t, dump);
    expect(textOut).toMatch(/line 138 +PREROUTING ip kube-proxy services#1 +lookup +service-ips: 172\.30\.0\.44 \. tcp \. 80 → goto service-LAUZTJTB-ns4\/svc4\/tcp\/p80/);
    expect(textOut).toMatch(/line 189 /);
  });

  it('spreads connections to ns4/svc4 half and half', () => {
    const setup = nodeSetup(dump, { nodeIps: ['192.168.0.2'] });
    const r = spreadDump(dump, setup, { src: '10.0.3.7', dst: '172.30.0.44:80', connections: 4000 });
    expect(Object.keys(r.endpoints).sort()).toEqual(['10.180.0.4:80', '10.180.0.5:80']);
    for (const n of Object.values(r.endpoints)) expect(Math.abs(n / 4000 - 0.5)).toBeLessThan(0.04);
  });

  it('a Service without endpoints is rejected by the no-endpoint-services map, as on the node', () => {
    const setup = nodeSetup(dump, { nodeIps: ['192.168.0.2'] });
    const t = traceDump(dump, setup, { src: '10.0.3.7', dst: '172.30.0.46:80' });
    expect(t.outcome).toBe('rejected');
  });
});

describe('an nft dump with the prompt, iptables tables and other families in the same paste', () => {
  const paste = [
    'root@node:/# nft list ruleset',
    'table ip6 kube-proxy {',
    '\tchain services {',
    '\t}',
    '}',
    'table ip kube-proxy {',
    '\tchain nat-prerouting {',
    '\t\ttype nat hook prerouting priority dstnat; policy accept;',
    '\t\tip daddr 10.96.0.50 tcp dport 80 dnat to 10.244.1.9:8080',
    '\t}',
    '\tchain broken {',
    '\t\tip daddr frobnicate accept',
    '\t}',
    '}',
    'root@node:/# iptables-save -t filter',
    '*filter',
    ':INPUT ACCEPT [0:0]',
    ':FORWARD ACCEPT [0:0]',
    ':OUTPUT ACCEPT [0:0]',
    '-A FORWARD -d 10.244.1.9/32 -p tcp -m tcp --dport 8080 -j DROP',
    'COMMIT',
  ].join('\n');
  const dump = importDump(paste);

  it('reads both (the ip6 table kept too), says which line it could not read, by pasted line', () => {
    expect(dump.sections.map((s) => `${s.format} ${s.firstLine}-${s.lastLine}`)).toEqual(['nft 2-14', 'save 16-21']);
    expect(dump.issues.map((i) => [i.line, i.severity])).toEqual([[12, 'error']]);
    expect(dump.nft!.ruleset.tables.map((t) => `${t.family} ${t.name}`)).toEqual(['ip6 kube-proxy', 'ip kube-proxy']);
    expect(dump.nft!.ruleset.tables[1]!.chains.map((c) => c.name)).toEqual(['nat-prerouting', 'broken']);
  });

  it('the nft DNAT and the iptables filter rule act on the same packet, in hook order', () => {
    const t = traceDump(dump, nodeSetup(dump, { nodeIps: ['10.0.0.5'] }), { src: '10.0.0.9', dst: '10.96.0.50:80' });
    expect(t.outcome).toBe('dropped');
    const rules = t.packets[0]!.hops.filter((h) => h.kind === 'rule' && h.matched).map((h) => (h.kind === 'rule' ? `${h.hook} ${h.table} ${h.chain}` : ''));
    expect(rules).toEqual(['PREROUTING ip kube-proxy nat-prerouting', 'FORWARD filter FORWARD']);
  });
});

describe('a generated nft dump traces like the scenario it came from, in nftables mode, on one node', () => {
  const cases = [
    { scenario: 'src/scenarios/lessons/01-clusterip.yaml', from: 'net-pod', to: 'svc-clusterip', protocol: 'tcp' as const },
    { scenario: 'src/scenarios/lessons/11-dns-udp.yaml', from: undefined, to: 'kube-dns.kube-system:53', protocol: 'udp' as const },
    { scenario: 'src/scenarios/lessons/03-nodeport.yaml', from: 'external', to: undefined, protocol: 'tcp' as const },
  ];
  for (const c of cases) {
    it(`${c.scenario}: ${c.from ?? 'a pod'} → ${c.to ?? 'a NodePort'} (${c.protocol})`, () => {
      const cluster = withMode(loadScenario(text(c.scenario)).cluster!, 'nftables');
      const network = createNetwork(cluster, { seed: 7 });
      const from = c.from ?? cluster.pods.find((p) => !p.labels['k8s-app'])!.name;
      const to =
        c.to ??
        (() => {
          const svc = cluster.services.find((s) => s.ports.some((p) => p.nodePort))!;
          return `${cluster.nodes.find((n) => n.role === 'worker')!.name}:${svc.ports.find((p) => p.nodePort)!.nodePort}`;
        })();
      const journey = runConnection(network, { from, to, sport: 40000, protocol: c.protocol });
      const firstRule = journey.packets[0]!.hops.find((h) => h.kind === 'rule' || h.kind === 'map-lookup')!;
      const nodeName = (firstRule as { node: string }).node;
      const sim = network.nodes.get(nodeName)!;
      const fresh = createNetwork(cluster).nodes.get(nodeName)!;
      // What the node prints: iptables-save of the tables other components keep, then `nft list ruleset`, then its routes.
      const paste = `${printIptablesSave(fresh.ruleset)}\n# nft list ruleset\n${printNftList(fresh.dataPlanes.nftables!.plane.ruleset)}\n# ip route\n${printRoutes(sim.topology)}\n`;
      const dump = importDump(paste);
      expect(dump.issues.filter((i) => i.severity === 'error')).toEqual([]);
      const setup = nodeSetup(dump, { name: nodeName, nodeIps: [formatIpv4(sim.topology.internalIP), formatIpv4(sim.topology.gateway)] });
      const sendHop = journey.packets[0]!.hops[0]!;
      const firstNodeHop = journey.packets[0]!.hops.find((h) => (h.kind === 'rule' || h.kind === 'map-lookup') && h.node === nodeName) as { hook: string } | undefined;
      const arrival = firstNodeHop?.hook === 'OUTPUT' ? ({ from: 'local' } as const) : ({ from: 'network', interface: sim.topology.interfaces.find((i) => i.pod?.endsWith(`/${from}`))?.name ?? 'eth0' } as const);
      const sent = sendHop.kind === 'send' ? sendHop.packet : undefined!;
      const t = traceDump(dump, setup, { src: `${formatIpv4(sent.src)}:${sent.sport}`, dst: `${formatIpv4(sent.dst)}:${sent.dport}`, protocol: c.protocol, arrival, seed: 7 });
      const steps = (hops: readonly (Hop | JourneyHop)[]): string[] =>
        hops.flatMap((h) => {
          if (h.kind === 'rule' && h.node === nodeName) return [`${h.hook} ${h.table} ${h.chain} ${h.rule} ${h.matched} ${h.target ?? ''}`];
          if (h.kind === 'map-lookup' && h.node === nodeName) return [`${h.hook} ${h.table} ${h.chain}#${h.ruleIndex} ${h.text}`];
          return [];
        });
      // The first packet on the node that translates it: the same rules and lookups, in the same order, with the same verdicts.
      expect(steps(t.packets[0]!.hops)).toEqual(steps(journey.packets[0]!.hops));
      expect(steps(t.packets[0]!.hops).some((s) => / → goto /.test(s))).toBe(true);
      const left = t.packets[0]!.fate;
      expect(left.kind).toBe('left');
      if (left.kind === 'left') expect(`${formatIpv4(left.header.dst)}:${left.header.dport}`).toBe(`${formatIpv4(journey.endpoint!.ip)}:${journey.endpoint!.port}`);
    });
  }
});

describe('kpl diff --dump with an nft dump: against the scenario in nftables mode', () => {
  const dump = importDump(text('test-vectors/nftables/nft-list-ruleset.txt'));

  it('the real nft list ruleset of kube-proxy\'s fixture is what the lab writes for its scenario, Service by Service', () => {
    const cluster = loadScenario(text('test-vectors/nftables/scenario.yaml')).cluster!;
    const d = diffDump(dump, cluster, 'test-node');
    expect(d.mode).toBe('nftables');
    expect(d.services.filter((s) => !s.same)).toEqual([]);
    expect(d.services.map((s) => s.service)).toContain('ns4/svc4:p80');
  });

  it('an endpoint the YAML no longer has: its endpoint chain and its numgen branch show on the node only', () => {
    const yaml = text('test-vectors/nftables/scenario.yaml').replace('- addresses: ["10.180.0.5"]\n', '');
    const d = diffDump(dump, loadScenario(yaml).cluster!, 'test-node');
    const svc4 = d.services.find((s) => s.service === 'ns4/svc4:p80')!;
    expect(svc4.staleEndpointChains).toEqual([{ chain: 'endpoint-5RFCDDV7-ns4/svc4/tcp/p80__10.180.0.5/80', endpoint: '10.180.0.5:80' }]);
    expect(svc4.endpointCounts).toMatchObject({ node: 2, yaml: 1 });
    expect(svc4.extraRules.map((r) => r.line)).toContain(189);
    expect(d.services.filter((s) => !s.same).map((s) => s.service)).toEqual(['ns4/svc4:p80']);
    expect(diffText(d, { dump: 'nft-list-ruleset.txt', scenario: 'scenario.yaml' })).toContain('(nftables mode)');
  });
});

