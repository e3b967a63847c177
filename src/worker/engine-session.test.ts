import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../engine/cluster/load';
import { createNetwork } from '../engine/sim/network';
import { runSpread } from '../engine/sim/spread';
import { EngineSession } from './engine-session';

const scenario = readFileSync(join(import.meta.dirname, '../scenarios/default.yaml'), 'utf8');

/** `iptables -L -n -v`'s DNAT lines of the KUBE-SEP chains that counted packets: endpoint (`to:IP:PORT`) → packets, bytes. */
function sepDnatCounters(list: string): Record<string, { packets: number; bytes: number }> {
  const out: Record<string, { packets: number; bytes: number }> = {};
  let chain = '';
  for (const line of list.split('\n')) {
    const head = /^Chain (\S+)/.exec(line);
    if (head) chain = head[1]!;
    const m = /^\s*(\d+)\s+(\d+)\s+DNAT\s.*\bto:(\S+)/.exec(line);
    if (m && chain.startsWith('KUBE-SEP-') && Number(m[1]) > 0) out[m[3]!] = { packets: Number(m[1]), bytes: Number(m[2]) };
  }
  return out;
}

describe('EngineSession', () => {
  it('loads the default scenario and serves rules and the chain graph per node', () => {
    const s = new EngineSession();
    const summary = s.load(scenario);
    expect(summary.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(summary.defaultNode).toBe('myk8s-worker');
    expect(s.rules('myk8s-worker', 'nat', 'S')).toContain('-A KUBE-SERVICES -d 10.200.1.100/32 -p tcp');
    const graph = s.chainGraph('myk8s-worker', 'nat');
    expect(graph.nodes.map((n) => n.chain)).toContain('KUBE-SVC-KBDEBIL6IU6WL7RF');
    expect(graph.edges.find((e) => e.from === 'KUBE-SERVICES' && e.to === 'KUBE-SVC-KBDEBIL6IU6WL7RF')?.label).toBe('10.200.1.100:9000/tcp');
  });

  it('in nftables and IPVS mode the rules panel prints what that mode puts on the node, not the iptables proxier\'s chains', () => {
    const config = (mode: string): string => `${scenario}\n---\napiVersion: kubeproxy.config.k8s.io/v1alpha1\nkind: KubeProxyConfiguration\nmode: ${mode}\n`;
    const nft = new EngineSession();
    nft.load(config('nftables'));
    const nftRules = nft.rules('myk8s-worker', 'nat', 'S');
    expect(nftRules).toMatch(/^# nft list ruleset\ntable ip kube-proxy \{/);
    expect(nftRules).toContain('ip daddr . meta l4proto . th dport vmap @service-ips');
    expect(nftRules).not.toContain('KUBE-SERVICES');
    expect(nft.chainGraph('myk8s-worker', 'nat').nodes.map((n) => n.chain)).not.toContain('KUBE-SERVICES');
    const ipvs = new EngineSession();
    ipvs.load(config('ipvs'));
    const ipvsRules = ipvs.rules('myk8s-worker', 'nat', 'S');
    expect(ipvsRules).toMatch(/^# ipvsadm -Ln\nIP Virtual Server version/);
    expect(ipvsRules).toContain('TCP  10.200.1.100:9000 rr');
    expect(ipvsRules).toContain('-A KUBE-SERVICES -m set --match-set KUBE-CLUSTER-IP dst,dst -j ACCEPT');
  });

  it('keeps the last valid cluster while the text is broken', () => {
    const s = new EngineSession();
    const first = s.load(scenario);
    const broken = s.load(scenario.replace('port: 9000', 'port: 0'));
    expect(broken.showingLastValid).toBe(true);
    expect(broken.revision).toBe(first.revision);
    expect(broken.diagnostics.some((d) => d.severity === 'error' && d.path === 'spec.ports[0].port')).toBe(true);
    expect(s.rules('myk8s-worker', 'nat', 'S')).toContain('--dport 9000');
    const changed = s.load(scenario.replace('port: 9000', 'port: 9090'));
    expect(changed.showingLastValid).toBe(false);
    expect(s.rules('myk8s-worker', 'nat', 'S')).toContain('--dport 9090');
  });

  it('traces a connection on the same rulesets it prints, so -L -n -v counters go up', () => {
    const s = new EngineSession();
    s.load(scenario);
    const counterOf = (text: string): number => Number(/^\s*(\d+)\s+\d+\s+KUBE-SERVICES/m.exec(text)?.[1]);
    const before = counterOf(s.rules('myk8s-control-plane', 'nat', 'L'));
    const r = s.trace({ from: 'net-pod', to: 'svc-clusterip.default:9000' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.trace.outcome).toBe('delivered');
    expect(r.trace.packets.map((p) => p.label)).toEqual(['SYN', 'SYN-ACK', 'ACK', 'request', 'response', 'FIN', 'FIN-ACK', 'last ACK']);
    expect(counterOf(s.rules('myk8s-control-plane', 'nat', 'L'))).toBe(before + 1);
    const dnat = r.trace.packets[0]!.hops.find((h) => h.kind === 'rule' && h.target === 'DNAT');
    expect(dnat && dnat.kind === 'rule' && dnat.changed).toEqual(['dst', 'dport']);
    expect(JSON.stringify(r).length).toBeLessThan(100_000);
    s.resetNetwork();
    expect(counterOf(s.rules('myk8s-control-plane', 'nat', 'L'))).toBe(0);
  });

  it('answers unknown names with a message, not an exception', () => {
    const s = new EngineSession();
    s.load(scenario);
    const r = s.trace({ from: 'nobody', to: 'svc-clusterip' });
    expect(r).toMatchObject({ ok: false });
    expect(!r.ok && r.error).toContain('nobody');
  });

  it('runs a spread in slices with progress, and stops when cancelled', async () => {
    const s = new EngineSession();
    s.load(scenario);
    const progress: number[] = [];
    const done = await s.spread({ from: 'net-pod', to: 'svc-clusterip', connections: 1000, seed: 5 }, (p) => progress.push(p.done), async () => {});
    expect(done.ok && done.result.connections).toBe(1000);
    expect(progress).toEqual([250, 500, 750, 1000]);
    const counts = done.ok ? Object.values(done.result.endpoints) : [];
    expect(counts).toHaveLength(3);
    const cancelled = await s.spread({ from: 'net-pod', to: 'svc-clusterip', connections: 10_000 }, undefined, async () => s.cancelSpread());
    expect(cancelled.ok && cancelled.cancelled).toBe(true);
    expect(cancelled.ok && cancelled.result.connections).toBe(250);
  });

  it('counts a spread on the rulesets it prints: -L -n -v shows every SYN the spread sent, as kpl spread counts them', async () => {
    const s = new EngineSession();
    s.load(scenario);
    const request = { from: 'net-pod', to: 'svc-clusterip', connections: 1000, seed: 7 } as const;
    const done = await s.spread(request, undefined, async () => {});
    if (!done.ok) throw new Error(done.error);
    // The CLI's run of the same spread, on a network of its own.
    const cluster = loadScenario(scenario).cluster!;
    const cli = runSpread(createNetwork(cluster, { seed: 7, recordEvents: false }), request);
    expect(done.result.endpoints).toEqual(cli.endpoints);
    // net-pod's node walks the nat table for every SYN and DNATs it in one KUBE-SEP chain.
    const dnat = sepDnatCounters(s.rules('myk8s-control-plane', 'nat', 'L'));
    expect(Object.keys(dnat).sort()).toEqual(Object.keys(cli.endpoints).sort());
    for (const [endpoint, c] of Object.entries(dnat)) {
      expect(c.packets).toBe(cli.endpoints[endpoint]);
      expect(c.bytes % c.packets).toBe(0);
    }
    expect(Object.values(dnat).reduce((n, c) => n + c.packets, 0)).toBe(1000);
    // A trace afterwards adds its own SYN to the same counters.
    const r = s.trace({ from: 'net-pod', to: 'svc-clusterip.default:9000', seed: 7 });
    if (!r.ok) throw new Error(r.error);
    const after = sepDnatCounters(s.rules('myk8s-control-plane', 'nat', 'L'));
    expect(Object.values(after).reduce((n, c) => n + c.packets, 0)).toBe(1001);
    expect(after[`${r.trace.endpoint!.ip}:${r.trace.endpoint!.port}`]!.packets).toBe(cli.endpoints[`${r.trace.endpoint!.ip}:${r.trace.endpoint!.port}`]! + 1);
  });

  it('offers the sources and destinations the simulation accepts', () => {
    const s = new EngineSession();
    s.load(scenario);
    const c = s.choices();
    expect(c.sources.map((x) => x.value)).toEqual(expect.arrayContaining(['net-pod', 'myk8s-worker', 'external']));
    for (const d of c.destinations) {
      const from = d.group === 'nodePort' || d.group === 'loadBalancer' ? 'external' : 'net-pod';
      const r = s.trace({ from, to: d.value });
      expect(r.ok, `${from} → ${d.value}: ${r.ok ? '' : r.error}`).toBe(true);
    }
  });

  it('keeps a trace message under 100 KB even when the kernel reads thousands of rules', () => {
    // 400 Services of 5 ports each (the loader takes at most 500 documents): 2000 KUBE-SERVICES rules.
    const ports = (i: number): string => [0, 1, 2, 3, 4].map((k) => `  - name: p${k}\n    port: ${1000 + i * 5 + k}\n    targetPort: 80\n`).join('');
    const services = Array.from({ length: 400 }, (_, i) => `---\napiVersion: v1\nkind: Service\nmetadata:\n  name: svc-${i}\nspec:\n  selector:\n    app: webpod\n  ports:\n${ports(i)}`);
    const s = new EngineSession();
    // A /24 service subnet holds 254 ClusterIPs; this test needs 400.
    const summary = s.load(`${scenario.replace('serviceSubnet: 10.200.1.0/24', 'serviceSubnet: 10.200.0.0/16')}\n${services.join('')}`);
    expect(summary.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const r = s.trace({ from: 'net-pod', to: 'svc-399:2999' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const syn = r.trace.packets[0]!;
    // Thousands of KUBE-SERVICES rules were read one by one…
    expect(syn.rulesEvaluated).toBeGreaterThan(2000);
    // …and folded into "skipped" runs whose counts add up to exactly what the kernel read.
    const counted = syn.hops.reduce((n, h) => n + (h.kind === 'rule' ? 1 : h.kind === 'skipped' ? h.count : 0), 0);
    expect(counted).toBe(syn.rulesEvaluated);
    expect(JSON.stringify(r).length).toBeLessThan(100_000);
  });

  it('explains a rule by chain and index, with the YAML lines that produced it', () => {
    const s = new EngineSession();
    s.load(scenario);
    const d = s.ruleDetails('myk8s-worker', 'nat', 'KUBE-SERVICES', 0);
    expect(d?.text).toMatch(/^-A KUBE-SERVICES -d 10\.200\.1\.\d+\/32 /);
    const all = (['nat', 'filter'] as const).flatMap((table) => {
      const out: string[] = [];
      for (const line of s.rules('myk8s-worker', table, 'S').split('\n')) {
        const m = /^-A (\S+)/.exec(line);
        if (!m) continue;
        const index = out.filter((l) => l.startsWith(`-A ${m[1]} `)).length;
        out.push(line);
        // Every printed rule is found by chain + index and printed back identically.
        expect(s.ruleDetails('myk8s-worker', table, m[1]!, index)?.text).toBe(line);
      }
      return out;
    });
    expect(all.length).toBeGreaterThan(30);
    const svc = s.ruleDetails('myk8s-worker', 'nat', 'KUBE-SERVICES', 1);
    const withSource = [0, 1, 2, 3].map((i) => s.ruleDetails('myk8s-worker', 'nat', 'KUBE-SERVICES', i)).find((x) => x?.service === 'default/svc-clusterip:svc-webport');
    expect(withSource?.sources.length).toBeGreaterThan(0);
    expect(withSource?.explanation?.ko.length).toBeGreaterThan(5);
    expect(svc?.parts[0]?.text).toBe('-A KUBE-SERVICES');
    expect(s.ruleDetails('myk8s-worker', 'nat', 'NOPE', 0)).toBeUndefined();
  });
});
