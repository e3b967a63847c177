import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EngineSession } from '../../worker/engine-session';
import type { PacketView, TraceView } from '../../worker/api';
import { clusterPath } from './cluster-path';

const scenario = (name: string): string => readFileSync(join(import.meta.dirname, '../../scenarios', name), 'utf8');

function trace(from: string, to: string, via?: string): TraceView {
  const s = new EngineSession();
  s.load(scenario('default.yaml'));
  const r = s.trace({ from, to, ...(via ? { via } : {}) });
  if (!r.ok) throw new Error(r.error);
  return r.trace;
}

const names = (p: PacketView): string[] => clusterPath(p).stops.map((s) => (s.via ? `-${s.via}-> ${s.name}` : s.name));

describe('the nodes a packet crosses', () => {
  const t = trace('net-pod', 'svc-clusterip.default:9000');
  const syn = t.packets[0]!;
  const synAck = t.packets[1]!;
  const server = t.endpoint!;

  it('a pod to a Service: the client pod, its node, eth0 to the endpoint\'s node, its veth to the pod', () => {
    const path = clusterPath(syn);
    expect(path.stops.map((s) => s.kind)).toEqual(['pod', 'node', 'node', 'pod']);
    expect(path.stops.map((s) => s.name)).toEqual(['net-pod', 'myk8s-control-plane', server.node, server.pod]);
    expect(path.stops[2]!.via).toBe('eth0');
    expect(path.stops[3]!.via).toMatch(/^veth/);
    expect(path.stops[0]!.ip).toBe('10.10.0.4');
    // The node stops are exactly the nodes the worker says the packet crossed, in its order.
    expect(path.stops.filter((s) => s.kind === 'node').map((s) => s.name)).toEqual(syn.nodes);
  });

  it('the reply goes the other way', () => {
    expect(clusterPath(synAck).stops.map((s) => s.name)).toEqual([server.pod, server.node, 'myk8s-control-plane', 'net-pod']);
  });

  it('maps every hop to its stop: rules on a node to that node, a wire to the link into the next stop', () => {
    const path = clusterPath(syn);
    expect(path.at).toHaveLength(syn.hops.length);
    syn.hops.forEach((h, i) => {
      const at = path.at[i]!;
      const stop = path.stops[at.stop]!;
      if (h.kind === 'send') expect([stop.name, at.onLink]).toEqual(['net-pod', false]);
      else if (h.kind === 'wire') {
        expect(at.onLink).toBe(true);
        expect(stop.via).toBe(h.device);
      } else if (h.kind === 'deliver') expect([stop.name, at.onLink]).toEqual([server.pod, false]);
      else expect([stop.name, at.onLink]).toEqual([h.node, false]);
    });
    // Playback only moves forward along the path.
    const order = path.at.map((a) => a.stop);
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });

  it('an external client enters through the chosen node', () => {
    const ext = trace('external', 'svc-clusterip.default:9000', 'myk8s-worker');
    const first = ext.packets[0]!;
    const n = names(first);
    expect(n[0]).toBe('external');
    expect(n[1]).toBe('myk8s-worker');
    expect(clusterPath(first).stops[0]!.ip).toBe('203.0.113.10');
    // The reply leaves the cluster on the entry node's eth0.
    expect(names(ext.packets[1]!).at(-1)).toBe('-eth0-> external');
  });

  it('a packet that stays on one node has one node stop', () => {
    const local = trace('net-pod', '10.10.0.2:53');
    const p = clusterPath(local.packets[0]!);
    expect(p.stops.filter((s) => s.kind === 'node').map((s) => s.name)).toEqual(['myk8s-control-plane']);
  });
});
