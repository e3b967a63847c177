import { describe, expect, it } from 'vitest';
import type { ClusterModel, ClusterNode, PodModel } from '../cluster/model';
import { buildTopology, lookupRoute, printRoutes, vethName } from './topology';
import { formatIpv4, parseIpv4 } from '../ipv4';

const src = { doc: -1, path: '' };
const node = (name: string, i: number, role: 'control-plane' | 'worker'): ClusterNode => ({
  name,
  role,
  internalIP: `172.18.0.${i + 2}`,
  podCIDR: `10.244.${i}.0/24`,
  gatewayIP: `10.244.${i}.1`,
  labels: {},
  source: src,
});
const pod = (name: string, nodeName: string, ip: string): PodModel => ({
  namespace: 'default',
  name,
  labels: {},
  nodeName,
  ip,
  ports: [],
  ready: true,
  terminating: false,
  hostNetwork: false,
  source: src,
});

const cluster = {
  name: 'kind',
  podSubnet: '10.244.0.0/16',
  serviceSubnet: '10.96.0.0/12',
  nodes: [node('kind-control-plane', 0, 'control-plane'), node('kind-worker', 1, 'worker'), node('kind-worker2', 2, 'worker')],
  pods: [pod('web-1', 'kind-worker', '10.244.1.2'), pod('web-2', 'kind-worker2', '10.244.2.2')],
  services: [],
  endpointSlices: [],
} as unknown as ClusterModel;

describe('topology', () => {
  const topo = buildTopology(cluster);
  const worker = topo.nodes.get('kind-worker')!;

  it('gives each node eth0, lo and a veth per local pod', () => {
    expect(worker.interfaces.map((i) => i.name)).toEqual(['lo', 'eth0', vethName(cluster.pods[0]!)]);
    expect(vethName(cluster.pods[0]!)).toMatch(/^veth[0-9a-f]{8}$/);
  });

  it('routes like kindnet: local pod via its veth, other pod CIDRs via their node, the rest via the docker gateway', () => {
    const via = (dst: string) => {
      const r = lookupRoute(worker, parseIpv4(dst)!)!;
      return `${r.type} ${r.device}${r.via !== undefined ? ' via ' + formatIpv4(r.via) : ''}`;
    };
    expect(via('10.244.1.2')).toBe(`unicast ${vethName(cluster.pods[0]!)}`);
    expect(via('10.244.2.2')).toBe('unicast eth0 via 172.18.0.4');
    expect(via('10.244.0.7')).toBe('unicast eth0 via 172.18.0.2');
    expect(via('203.0.113.10')).toBe('unicast eth0 via 172.18.0.1');
    expect(via('172.18.0.3')).toBe('local eth0');
    expect(via('10.244.1.1')).toBe('local lo');
    expect(via('127.0.0.5')).toBe('local lo');
  });

  it('knows which addresses are local', () => {
    expect([...worker.localAddresses].map(formatIpv4).sort()).toEqual(['10.244.1.1', '127.0.0.1', '172.18.0.3']);
  });

  it('prints routes as `ip route` does', () => {
    expect(printRoutes(worker)).toBe(
      [
        '172.18.0.0/16 dev eth0 proto kernel scope link src 172.18.0.3',
        'default via 172.18.0.1 dev eth0',
        `10.244.1.2 dev ${vethName(cluster.pods[0]!)} scope host src 10.244.1.1`,
        '10.244.0.0/24 via 172.18.0.2 dev eth0',
        '10.244.2.0/24 via 172.18.0.4 dev eth0',
      ].join('\n'),
    );
  });
});
