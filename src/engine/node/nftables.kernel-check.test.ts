/**
 * The nftables data plane against the real kernel: kube-proxy's golden loaded with the real nft into a
 * namespace shaped like the test's node, with a pod and an outside client in namespaces of their own;
 * connections from the node, the pod and the client to ClusterIPs and NodePorts. The lab's traversal of the
 * same connection must agree on what happened — rejected (connection refused), dropped (nothing back, no
 * entry confirmed), or DNATed to an endpoint the lab can pick (among 16 seeds) and masqueraded or not to
 * the same address (the kernel's conntrack entry, reply direction). Root only; skipped elsewhere with the reason.
 */
import { describe, expect, it } from 'vitest';
import { createConntrackTable } from '../conntrack';
import { cidrContains, formatIpv4, parseCidr, parseIpv4, type Ipv4 } from '../ipv4';
import { parseIptables } from '../netfilter/parse';
import { parseTransaction } from '../nftables/parse-transaction';
import { createRandom } from '../random';
import { CLIENT_ADDRESS, declarationsFirst, probeConnectCheck, realConnects, type ConnectFrom } from '../test-support/nft';
import { readVector } from '../test-support/vectors';
import type { RouteDecision } from './hops';
import { traversePacket, type NetfilterNode } from './netfilter-node';
import { nftablesPlane } from './nftables';

const probe = probeConnectCheck();
const ip = (s: string): Ipv4 => parseIpv4(s)!;
const golden = declarationsFirst(readVector('nftables/TestOverallNFTablesRules.expected.txt'));

function route(dst: Ipv4): RouteDecision | undefined {
  if (dst === ip('192.168.0.2') || dst === ip('10.180.0.254') || cidrContains(parseCidr('127.0.0.0/8')!, dst)) return { kind: 'local' };
  if (cidrContains(parseCidr('10.180.0.0/24')!, dst)) return { kind: 'unicast', device: 'cni0', source: ip('10.180.0.254') };
  if (cidrContains(parseCidr('192.168.0.0/24')!, dst)) return { kind: 'unicast', device: 'eth0', source: ip('192.168.0.2') };
  return { kind: 'unicast', device: 'eth0', via: ip('192.168.0.1'), source: ip('192.168.0.2') };
}

/** What the lab says of a connection from `from` to `destination`, over `seeds` draws: each distinct outcome once. */
function labOutcomes(from: ConnectFrom, destination: string, seeds: number): Set<string> {
  const parsed = parseTransaction(golden);
  expect(parsed.errors).toEqual([]);
  const out = new Set<string>();
  const [dst, port] = destination.split(':');
  for (let seed = 1; seed <= seeds; seed++) {
    const random = createRandom(seed);
    const node: NetfilterNode = {
      name: 'test-node',
      ruleset: parseIptables('').ruleset,
      conntrack: createConntrackTable(),
      localAddresses: new Set([ip('192.168.0.2'), ip('10.180.0.254'), ip('127.0.0.1')]),
      recent: new Map(),
      nthCounters: new Map(),
      nfacct: new Map(),
      ipsets: new Map(),
      route,
      planes: [nftablesPlane(parsed.ruleset)],
    };
    const arrival = from === 'node' ? ({ from: 'local' } as const) : ({ from: 'network', interface: from === 'pod' ? 'cni0' : 'eth0' } as const);
    const syn = { src: ip(CLIENT_ADDRESS[from]), dst: ip(dst!), protocol: 'tcp' as const, sport: 40000, dport: Number(port), tcpFlags: ['SYN' as const], mark: 0, length: 60 };
    const t = traversePacket(node, syn, arrival, { nowMs: 0, random32: () => random.next32() });
    const o = t.outcome;
    if (o.kind === 'rejected') out.add('refused');
    else if (o.kind === 'dropped') out.add('silent');
    else if (o.kind === 'sent') out.add(`to ${formatIpv4(o.packet.dst)}:${o.packet.dport} from ${formatIpv4(o.packet.src)}`);
    else out.add(o.kind);
  }
  return out;
}

describe.skipIf(!probe.available)(`nftables data plane against the real kernel (${probe.available ? 'nft, veth, conntrack' : `skipped: ${probe.reason}`})`, () => {
  it('connections from the node, a pod and an outside client: refused, dropped or DNATed and masqueraded as the lab says', () => {
    const cases: readonly { from: ConnectFrom; destination: string; kernel?: string }[] = [
      { from: 'node', destination: '172.30.0.41:80', kernel: 'to 10.180.0.1:80 from 10.180.0.254' },
      { from: 'node', destination: '172.30.0.41:81', kernel: 'refused' },
      { from: 'node', destination: '172.30.0.99:80', kernel: 'silent' },
      { from: 'node', destination: '172.30.0.46:80', kernel: 'refused' },
      { from: 'node', destination: '172.30.0.45:80', kernel: 'to 10.180.0.3:80 from 10.180.0.254' },
      { from: 'node', destination: '172.30.0.44:80' },
      { from: 'pod', destination: '172.30.0.41:80', kernel: 'to 10.180.0.1:80 from 10.180.0.9' },
      { from: 'pod', destination: '172.30.0.41:81', kernel: 'refused' },
      { from: 'pod', destination: '172.30.0.99:80', kernel: 'silent' },
      { from: 'pod', destination: '172.30.0.46:80', kernel: 'refused' },
      { from: 'pod', destination: '172.30.0.44:80' },
      { from: 'pod', destination: '172.30.0.44:80' },
      { from: 'pod', destination: '172.30.0.44:80' },
      { from: 'external', destination: '192.168.0.2:3003', kernel: 'to 10.180.0.3:80 from 10.180.0.254' },
      { from: 'external', destination: '192.168.0.2:3001', kernel: 'silent' },
      { from: 'external', destination: '192.168.0.2:3002', kernel: 'to 10.180.0.3:80 from 10.180.0.254' },
    ];
    const real = realConnects(golden, cases);
    expect(real.error).toBe('');
    // The kernel's view: refused, silent without an entry (dropped), or silent with a DNATed entry (the endpoint never answers).
    const kernel = real.connects.map((c) => (c.result === 'refused' ? 'refused' : c.reply ? `to ${c.reply.src}:${c.reply.sport} from ${c.reply.dst}` : 'silent'));
    cases.forEach((c, i) => {
      if (c.kernel !== undefined) expect(`${c.from} → ${c.destination}: ${kernel[i]}`).toBe(`${c.from} → ${c.destination}: ${c.kernel}`);
      const lab = labOutcomes(c.from, c.destination, 16);
      expect({ from: c.from, destination: c.destination, kernel: kernel[i], lab: [...lab] }).toEqual({ from: c.from, destination: c.destination, kernel: kernel[i], lab: expect.arrayContaining([kernel[i]]) });
    });
  });
});

it('the nftables connect check says why it is skipped when it cannot run', () => {
  if (!probe.available) {
    expect(probe.reason).not.toBe('');
    console.warn(`nftables connect check skipped: ${probe.reason}`);
  } else expect(probe.reason).toBe('');
});
