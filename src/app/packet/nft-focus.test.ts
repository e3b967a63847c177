import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { edgeId } from '../../worker/edge-id';
import { EngineSession } from '../../worker/engine-session';
import { walkChains } from '../graph/packet-path';
import { chainFocus, tokenSpot } from './focus';

const text = `${readFileSync(join(import.meta.dirname, '../../scenarios/default.yaml'), 'utf8')}\n---\napiVersion: kubeproxy.config.k8s.io/v1alpha1\nkind: KubeProxyConfiguration\nmode: nftables\n`;

describe('the chain graph follows a packet through nftables maps', () => {
  const s = new EngineSession();
  s.load(text);
  const r = s.trace({ from: 'net-pod', to: 'svc-clusterip' });
  if (!r.ok) throw new Error(r.error);
  const packet = r.trace.packets[0]!;
  const node = packet.hops.find((h) => h.kind === 'map-lookup')!.node;
  const graph = s.chainGraph(node, 'nat');
  const ids = new Set(graph.edges.map(edgeId));
  const at = (pred: (h: (typeof packet.hops)[number]) => boolean): number => packet.hops.findIndex(pred);

  it('a lookup in @service-ips sits on the map node and lights the rule\'s edge into it and the element\'s edge out', () => {
    const i = at((h) => h.kind === 'map-lookup' && h.map === 'service-ips');
    const f = chainFocus(packet, i)!;
    expect(f.chain).toBe('@service-ips');
    expect(f.table).toBe(graph.table);
    expect(f.visited).toEqual(['nat-prerouting', 'services', '@service-ips']);
    // The jump into the lookup's chain too, as for any rule.
    expect(f.edges).toEqual(['services#0', '@service-ips=10.200.1.100 . tcp . 9000', 'nat-prerouting#0']);
    for (const e of f.edges) expect(ids).toContain(e);
  });

  it('the Service chain was entered through the map element; the numgen pick lights its element\'s edge', () => {
    const i = at((h) => h.kind === 'map-lookup' && h.map === '{…}');
    const f = chainFocus(packet, i)!;
    expect(f.chain).toMatch(/^service-/);
    expect(f.edges).toHaveLength(2);
    for (const e of f.edges) expect(ids).toContain(e);
    expect(walkChains(packet, i)).toEqual(expect.arrayContaining(['services', '@service-ips', f.chain]));
  });
});

describe('the hook diagram places nftables hops on their base chain', () => {
  const s = new EngineSession();
  const summary = s.load(text);
  const r = s.trace({ from: 'net-pod', to: 'svc-clusterip' });
  if (!r.ok) throw new Error(r.error);
  const packet = r.trace.packets[0]!;
  const stages = summary.hookStages!;
  const stageAt = (i: number): string => {
    const spot = tokenSpot(packet.hops[i]!, stages, packet, i);
    if (spot?.kind !== 'stage') return String(spot?.kind);
    const st = stages[spot.hook][spot.stage]!;
    return `${spot.hook} ${st.kind === 'nft' ? st.chain : st.kind === 'table' ? st.table : st.kind}`;
  };
  const index = (pred: (h: (typeof packet.hops)[number]) => boolean): number => packet.hops.findIndex(pred);

  it('a firewall-check lookup sits on filter-prerouting-pre-dnat, the service-ips lookup and the DNAT on nat-prerouting', () => {
    expect(stageAt(index((h) => h.kind === 'map-lookup' && h.map === 'firewall-ips'))).toBe('PREROUTING filter-prerouting-pre-dnat');
    expect(stageAt(index((h) => h.kind === 'map-lookup' && h.map === 'service-ips'))).toBe('PREROUTING nat-prerouting');
    expect(stageAt(index((h) => h.kind === 'rule' && (h.target ?? '').startsWith('dnat to')))).toBe('PREROUTING nat-prerouting');
    expect(stageAt(index((h) => h.kind === 'rule' && h.table === 'nat' && h.hook === 'PREROUTING'))).toBe('PREROUTING nat');
  });
});
