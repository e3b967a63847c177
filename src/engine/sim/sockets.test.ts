/**
 * Sockets and ICMP echo (issue 14): a port nothing listens on is refused by the receiving stack (a RST for
 * TCP, ICMP port unreachable for UDP), what listens where on a kind node, the Lab document's own listeners,
 * and pings to pods, nodes and cluster IPs. Each case failed before sockets existed ("delivered").
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../cluster/load';
import type { ClusterModel } from '../cluster/model';
import { formatIpv4, parseIpv4, type Ipv4 } from '../ipv4';
import type { RuleHop, StageHop } from '../node/hops';
import { AddressError } from './addresses';
import { runConnection, type ConnectionRequest, type Journey } from './journey';
import { createNetwork } from './network';
import { listenerFor } from './sockets';
import { traceJson, traceText } from './report';

const DEFAULT = readFileSync(join(import.meta.dirname, '../../scenarios/default.yaml'), 'utf8');

function load(text: string): ClusterModel {
  const { cluster, diagnostics } = loadScenario(text);
  if (!cluster) throw new Error(diagnostics.map((d) => `${d.line}:${d.col} ${d.message}`).join('\n'));
  return cluster;
}

const cluster = load(DEFAULT);
const trace = (request: ConnectionRequest, c: ClusterModel = cluster): Journey => runConnection(createNetwork(c, { seed: 1 }), request);
type ConntrackHop = Extract<StageHop, { kind: 'conntrack' }>;
const conntrackHops = (j: Journey, packet: number): ConntrackHop[] => j.packets[packet]!.hops.filter((h): h is ConntrackHop => h.kind === 'conntrack');
const ip = (text: string): Ipv4 => parseIpv4(text)!;

describe('a port nothing listens on', () => {
  it('external → NODE:CLOSEDPORT is rejected: the node answers the SYN with RST+ACK and keeps no entry', () => {
    const j = trace({ from: 'external', to: 'myk8s-worker:31999' });
    expect(j.outcome).toBe('rejected');
    expect(j.packets.map((p) => p.label)).toEqual(['SYN', 'RST']);
    const syn = j.packets[0]!;
    expect(syn.fate).toMatchObject({ kind: 'rejected', node: 'myk8s-worker', rejectWith: 'tcp-reset', refused: { by: { kind: 'node', node: 'myk8s-worker' }, port: 31999, protocol: 'tcp' } });
    const rst = j.packets[1]!;
    expect(rst.tcpFlags).toEqual(['RST', 'ACK']);
    expect(rst.hops[0]).toMatchObject({ kind: 'send', from: { kind: 'node', node: 'myk8s-worker' } });
    expect(rst.fate).toMatchObject({ kind: 'delivered', to: { kind: 'external' } });
    // The RST is the connection's reply, seen at OUTPUT (the node's own packet); a reset as the only reply
    // kills the entry at once (nf_conntrack_proto_tcp.c: "we can delete the conntrack immediately").
    expect(conntrackHops(j, 1)[0]).toMatchObject({ hook: 'OUTPUT', ctstate: 'ESTABLISHED', direction: 'reply' });
    expect(j.conntrack).toEqual({});
    expect(traceText(j)).toContain('rejected by myk8s-worker: nothing listens on 172.18.0.3:31999/tcp');
  });

  it('the trace JSON keeps its fields, with the outcome rejected and the RST as a reply packet', () => {
    const json = traceJson(trace({ from: 'external', to: 'myk8s-worker:31999' }));
    expect(json.outcome).toBe('rejected');
    expect(Object.keys(json)).toEqual(expect.arrayContaining(['outcome', 'packets', 'conntrack']));
    expect(json.packets[1]).toMatchObject({ label: 'RST', direction: 'reply' });
    expect(json.packets[0]!.fate).toBe('rejected by myk8s-worker: nothing listens on 172.18.0.3:31999/tcp (tcp-reset)');
  });

  it('UDP to a closed port: ICMP port unreachable from the node, RELATED on its way back through both nodes', () => {
    const j = trace({ from: 'net-pod', to: '172.18.0.3:31999', protocol: 'udp' });
    expect(j.outcome).toBe('rejected');
    expect(j.packets.map((p) => p.label)).toEqual(['query', 'ICMP port unreachable']);
    const hops = conntrackHops(j, 1);
    expect(hops.map((h) => `${h.node} ${h.hook} ${h.ctstate}`)).toEqual(['myk8s-worker OUTPUT RELATED', 'myk8s-control-plane PREROUTING RELATED']);
    expect(j.packets[1]!.fate).toMatchObject({ kind: 'delivered', to: { kind: 'pod', name: 'net-pod' } });
    // kindnet's masq agent masqueraded the pod's datagram on its node (a node address is outside the pod subnet).
    expect(j.conntrack['myk8s-worker']![0]).toMatch(/^udp {6}17 29 src=172\.18\.0\.2 dst=172\.18\.0\.3 sport=\d+ dport=31999 \[UNREPLIED\] /);
    expect(j.packets[1]!.delivered).toMatchObject({ src: ip('172.18.0.3'), dst: ip(cluster.pods.find((p) => p.name === 'net-pod')!.ip) });
  });

  it('a pod port its Service does not target: the pod answers the SYN with a RST, which its node forwards back', () => {
    const web = cluster.pods.find((p) => p.name === 'webpod2')!;
    const j = trace({ from: 'net-pod', to: `${web.ip}:81` });
    expect(j.outcome).toBe('rejected');
    expect(j.endpoint).toMatchObject({ pod: 'webpod2', port: 81 });
    expect(j.packets[1]!.hops[0]).toMatchObject({ kind: 'send', from: { kind: 'pod', name: 'webpod2' } });
    expect(conntrackHops(j, 1)[0]).toMatchObject({ node: 'myk8s-worker2', hook: 'PREROUTING', direction: 'reply' });
    expect(j.packets[1]!.fate.kind).toBe('delivered');
  });

  it('a Service port whose pods listen on the target port is delivered (no containerPort needed)', () => {
    expect(trace({ from: 'net-pod', to: 'svc-clusterip' }).outcome).toBe('delivered');
  });
});

describe('what listens on a kind node', () => {
  const worker = { kind: 'node', node: 'myk8s-worker' } as const;
  const cp = { kind: 'node', node: 'myk8s-control-plane' } as const;
  const at = (host: typeof worker | typeof cp, address: string, port: number): string | undefined => listenerFor(cluster, host, 'tcp', ip(address), port)?.owner;

  it('kubelet and kube-proxy everywhere; metrics and healthz where kube-proxy and kubelet bind them', () => {
    expect(at(worker, '172.18.0.3', 10250)).toBe('kubelet');
    expect(at(worker, '172.18.0.3', 10256)).toBe('kube-proxy (healthz)');
    expect(at(worker, '127.0.0.1', 10249)).toBe('kube-proxy (metrics)');
    expect(at(worker, '172.18.0.3', 10249)).toBeUndefined();
    expect(at(worker, '172.18.0.3', 6443)).toBeUndefined();
  });

  it('the control plane: API server on every address, etcd, controller-manager and scheduler as kubeadm binds them', () => {
    expect(at(cp, '172.18.0.2', 6443)).toBe('kube-apiserver');
    expect(at(cp, '172.18.0.2', 2379)).toBe('etcd');
    expect(at(cp, '172.18.0.2', 2380)).toBe('etcd (peers)');
    expect(at(cp, '127.0.0.1', 2381)).toBe('etcd (metrics)');
    expect(at(cp, '172.18.0.2', 2381)).toBeUndefined();
    expect(at(cp, '127.0.0.1', 10257)).toBe('kube-controller-manager');
    expect(at(cp, '172.18.0.2', 10257)).toBeUndefined();
    expect(at(cp, '127.0.0.1', 10259)).toBe('kube-scheduler');
  });

  it('a node process reaches the scheduler on 127.0.0.1; a pod on the node address is refused', () => {
    expect(trace({ from: 'myk8s-control-plane', to: '127.0.0.1:10259' }).outcome).toBe('delivered');
    expect(trace({ from: 'net-pod', to: '172.18.0.2:10259' }).outcome).toBe('rejected');
    expect(trace({ from: 'net-pod', to: '172.18.0.2:6443' }).outcome).toBe('delivered');
  });
});

describe('Lab listeners', () => {
  const withListeners = (listeners: string): string => `${DEFAULT}\n---\napiVersion: kube-packet-lab/v1\nkind: Lab\nlisteners:\n${listeners}`;

  it('a listener the Lab adds on a node takes the port', () => {
    const c = load(withListeners('- node: myk8s-worker\n  port: 31999\n'));
    expect(trace({ from: 'external', to: 'myk8s-worker:31999' }, c).outcome).toBe('delivered');
    expect(trace({ from: 'external', to: 'myk8s-worker2:31999' }, c).outcome).toBe('rejected');
  });

  it('a UDP listener in a pod, and one bound to 127.0.0.1 only', () => {
    const c = load(withListeners('- pod: webpod1\n  port: 9999\n  protocol: UDP\n- node: myk8s-worker\n  port: 8080\n  address: 127.0.0.1\n'));
    const web = c.pods.find((p) => p.name === 'webpod1')!;
    expect(trace({ from: 'net-pod', to: `${web.ip}:9999`, protocol: 'udp' }, c).outcome).toBe('delivered');
    expect(trace({ from: 'myk8s-worker', to: '127.0.0.1:8080' }, c).outcome).toBe('delivered');
    expect(trace({ from: 'myk8s-worker', to: '172.18.0.3:8080' }, c).outcome).toBe('rejected');
  });

  it('bad listeners are errors at their line, in the API server\'s words', () => {
    const text = withListeners('- node: nowhere\n  port: 80\n- pod: webpod1\n  port: 70000\n- port: 80\n- node: myk8s-worker\n  port: 80\n  protocol: SCTP\n  color: red\n');
    const { cluster: c, diagnostics } = loadScenario(text);
    expect(c).toBeUndefined();
    const messages = diagnostics.map((d) => d.message);
    expect(messages).toContain('listeners[1].port: Invalid value: 70000: must be between 1 and 65535, inclusive');
    expect(messages).toContain('listeners[2].node: Required value: a listener runs on a node or in a pod: give node or pod');
    expect(messages).toContain('listeners[3].protocol: Unsupported value: "SCTP": supported values: "TCP", "UDP"');
    expect(messages).toContain('unknown field "listeners[3].color"');
    const line = text.split('\n').findIndex((l) => l.includes('color: red')) + 1;
    expect(diagnostics.find((d) => d.message.includes('color'))!.line).toBe(line);
  });

  it('a listener on a node that does not exist is Not found, located', () => {
    const text = withListeners('- node: nowhere\n  port: 80\n');
    const { diagnostics } = loadScenario(text);
    const d = diagnostics.find((x) => x.message.startsWith('listeners[0].node: Not found: "nowhere"'));
    expect(d?.line).toBe(text.split('\n').findIndex((l) => l.includes('node: nowhere')) + 1);
  });
});

describe('ICMP echo (ping)', () => {
  it('a pod pings a pod on another node: echo request and reply, one icmp entry per node as conntrack -L prints it', () => {
    const web = cluster.pods.find((p) => p.name === 'webpod2')!;
    const j = trace({ from: 'net-pod', to: web.ip, protocol: 'icmp' });
    expect(j.outcome).toBe('delivered');
    expect(j.packets.map((p) => p.label)).toEqual(['echo request', 'echo reply']);
    const line = j.conntrack['myk8s-worker2']![0]!;
    expect(line).toMatch(new RegExp(`^icmp {5}1 29 src=10\\.10\\.0\\.\\d+ dst=${web.ip.replace(/\./g, '\\.')} type=8 code=0 id=(\\d+) src=${web.ip.replace(/\./g, '\\.')} dst=10\\.10\\.0\\.\\d+ type=0 code=0 id=\\1 mark=0 use=1$`));
  });

  it('the outside pings a node (it enters that node and the node answers), and a node pod by name', () => {
    const j = trace({ from: 'external', to: 'myk8s-worker', protocol: 'icmp' });
    expect(j.outcome).toBe('delivered');
    expect(j.endpoint).toMatchObject({ node: 'myk8s-worker' });
    expect(trace({ from: 'net-pod', to: 'webpod1', protocol: 'icmp' }).outcome).toBe('delivered');
  });

  it('a ping to a ClusterIP matches no KUBE-SERVICES rule, leaves by the default route and is never answered', () => {
    const svc = cluster.services.find((s) => s.name === 'svc-clusterip')!;
    for (const to of [svc.clusterIP, 'svc-clusterip']) {
      const j = trace({ from: 'net-pod', to, protocol: 'icmp' });
      expect(j.outcome).toBe('dropped');
      expect(j.packets).toHaveLength(1);
      const hops = j.packets[0]!.hops.filter((h): h is RuleHop => h.kind === 'rule' && h.chain.startsWith('KUBE-SVC'));
      expect(hops).toEqual([]);
      expect(j.packets[0]!.fate).toMatchObject({ kind: 'dropped', node: 'myk8s-control-plane', unanswered: { dst: ip(svc.clusterIP), gateway: ip('172.18.0.1'), clusterIP: true } });
      expect(j.conntrack['myk8s-control-plane']![0]).toMatch(new RegExp(`^icmp {5}1 29 src=\\S+ dst=${svc.clusterIP.replace(/\./g, '\\.')} type=8 code=0 id=\\d+ \\[UNREPLIED\\] src=${svc.clusterIP.replace(/\./g, '\\.')} `));
    }
  });

  it('a ping to a Service\'s external IP: nobody owns it, and the gateway routes it back to a node, round until its TTL runs out', () => {
    const c = load(`${DEFAULT}\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: ext\nspec:\n  selector:\n    app: webpod\n  externalIPs: [192.0.2.50]\n  ports:\n  - port: 80\n`);
    const j = trace({ from: 'external', to: '192.0.2.50', via: 'myk8s-worker', protocol: 'icmp' }, c);
    expect(j.outcome).toBe('dropped');
    expect(j.packets[0]!.fate).toMatchObject({ kind: 'dropped', node: 'myk8s-worker', unanswered: { dst: ip('192.0.2.50'), clusterIP: false, loops: true } });
    // TCP to the Service's port is DNATed as ever; only what no rule matches circles.
    expect(trace({ from: 'external', to: '192.0.2.50:80', via: 'myk8s-worker' }, c).outcome).toBe('delivered');
  });

  it('ICMP has no ports: IP:PORT is refused with a hint', () => {
    expect(() => trace({ from: 'net-pod', to: '10.10.2.2:80', protocol: 'icmp' })).toThrow(AddressError);
    expect(() => trace({ from: 'net-pod', to: '10.10.2.2:80', protocol: 'icmp' })).toThrow(/ICMP has no ports; give the address alone/);
  });

  it('the trace text shows addresses without ports for ICMP', () => {
    const j = trace({ from: 'external', to: 'myk8s-worker', protocol: 'icmp' });
    expect(traceText(j).split('\n')[0]).toBe(`delivered → myk8s-worker 172.18.0.3 (it sees the client as ${formatIpv4(j.seenSource!.ip)})`);
  });
});
