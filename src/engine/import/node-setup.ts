/**
 * The one node an imported dump runs on: its addresses and routes, from the `ip -4 addr` / `ip route`
 * output pasted with the dump, else from a few answers (node IP, pod CIDR, interface names) with
 * defaults. Nothing here is Kubernetes: a dump says nothing about the cluster beyond its rules, so
 * a packet that leaves the node is described by where the route sends it, not followed further.
 */
import { createConntrackTable } from '../conntrack';
import { cidrContains, formatCidr, formatIpv4, ipv4, parseCidr, parseIpv4, type Cidr, type Ipv4 } from '../ipv4';
import type { RouteDecision } from '../node/hops';
import type { NetfilterNode } from '../node/netfilter-node';
import { nftablesPlane } from '../node/nftables';
import type { Chain, Ruleset, Table, TableName } from '../netfilter/model';
import type { ImportedDump } from './model';
import { addressOfHostname } from './names';

export interface NodeSetupInput {
  /** @default the prompt's host name, else "node" */
  readonly name?: string;
  /** The node's own addresses (`--node-ip`). @default from `ip -4 addr`, else an EC2 prompt's name, else 172.18.0.2 */
  readonly nodeIps?: readonly string[];
  /** The pods of this node (`ip route`'s `10.244.1.0/24 dev cni0`). @default none: every pod is behind the uplink */
  readonly podCidr?: string;
  /** @default "eth0" */
  readonly uplink?: string;
  /** Where this node's pods hang. @default "cni0" */
  readonly podInterface?: string;
  /** The default route's next hop. @default none (directly on the uplink's network) */
  readonly gateway?: string;
}

export interface NodeRoute {
  readonly destination: Cidr;
  readonly device: string;
  readonly via?: Ipv4;
  readonly source?: Ipv4;
  readonly type: 'local' | 'unicast';
}

export interface NodeSetup {
  readonly name: string;
  readonly nodeIps: readonly Ipv4[];
  readonly podCidr?: Cidr;
  readonly uplink: string;
  readonly podInterface: string;
  readonly routes: readonly NodeRoute[];
  readonly localAddresses: ReadonlySet<Ipv4>;
  /** Where each setting came from, for the report ("from ip -4 addr", "default"). */
  readonly notes: readonly string[];
}

export class SetupError extends Error {}

const LOOPBACK = parseCidr('127.0.0.0/8')!;
const DEFAULT_NODE_IP = '172.18.0.2';

function ip(text: string, what: string): Ipv4 {
  const v = parseIpv4(text);
  if (v === undefined) throw new SetupError(`${what}: "${text}" is not an IPv4 address`);
  return v;
}

/** `ip route` lines: `default via 10.0.0.1 dev eth0`, `10.244.1.0/24 dev cni0 proto kernel scope link src 10.244.1.1`, `local 10.0.0.5 dev eth0 …`. */
function pastedRoutes(lines: ImportedDump['interfaces']['routes']): NodeRoute[] {
  const out: NodeRoute[] = [];
  for (const { text } of lines) {
    const w = text.split(/\s+/);
    let type: 'local' | 'unicast' = 'unicast';
    if (w[0] === 'local') {
      type = 'local';
      w.shift();
    } else if (w[0] === 'broadcast' || w[0] === 'unreachable' || w[0] === 'blackhole') continue;
    const dst = w[0] === 'default' ? parseCidr('0.0.0.0/0') : parseCidr(w[0]!.includes('/') ? w[0]! : `${w[0]}/32`);
    const at = (k: string): string | undefined => {
      const i = w.indexOf(k);
      return i === -1 ? undefined : w[i + 1];
    };
    const dev = at('dev');
    if (!dst || !dev) continue;
    const via = at('via') !== undefined ? parseIpv4(at('via')!) : undefined;
    const src = at('src') !== undefined ? parseIpv4(at('src')!) : undefined;
    out.push({ destination: dst, device: dev, type, ...(via !== undefined ? { via } : {}), ...(src !== undefined ? { source: src } : {}) });
  }
  return out;
}

export function nodeSetup(dump: ImportedDump, input: NodeSetupInput = {}): NodeSetup {
  const notes: string[] = [];
  const uplink = input.uplink ?? 'eth0';
  const podInterface = input.podInterface ?? 'cni0';
  const pastedAddrs = dump.interfaces.addresses.map((a) => ({ iface: a.iface, cidr: parseCidr(a.cidr) })).filter((a): a is { iface: string; cidr: Cidr } => a.cidr !== undefined);
  let nodeIps: Ipv4[];
  if (input.nodeIps && input.nodeIps.length > 0) {
    nodeIps = input.nodeIps.map((t) => ip(t, '--node-ip'));
    notes.push(`node IP ${nodeIps.map(formatIpv4).join(', ')} (given)`);
  } else if (pastedAddrs.some((a) => !cidrContains(LOOPBACK, a.cidr.address))) {
    nodeIps = pastedAddrs.filter((a) => !cidrContains(LOOPBACK, a.cidr.address)).map((a) => a.cidr.address);
    notes.push(`node addresses ${nodeIps.map(formatIpv4).join(', ')} (from ip -4 addr)`);
  } else if (dump.hostname && addressOfHostname(dump.hostname)) {
    nodeIps = [ip(addressOfHostname(dump.hostname)!, 'host name')];
    notes.push(`node IP ${formatIpv4(nodeIps[0]!)} (from the prompt's host name ${dump.hostname})`);
  } else {
    nodeIps = [ip(DEFAULT_NODE_IP, 'default')];
    notes.push(`node IP ${DEFAULT_NODE_IP} (a default: give --node-ip for your node's)`);
  }
  const podCidr = input.podCidr !== undefined ? parseCidr(input.podCidr) : undefined;
  if (input.podCidr !== undefined && !podCidr) throw new SetupError(`pod CIDR: "${input.podCidr}" is not an IPv4 CIDR`);
  const gateway = input.gateway !== undefined ? ip(input.gateway, 'gateway') : undefined;
  const local = new Set<Ipv4>([ipv4(0x7f000001), ...nodeIps, ...pastedAddrs.map((a) => a.cidr.address)]);
  let routes: NodeRoute[];
  const pasted = pastedRoutes(dump.interfaces.routes);
  if (pasted.length > 0) {
    routes = [{ destination: LOOPBACK, device: 'lo', type: 'local' }, ...[...local].map((a) => ({ destination: { address: a, prefix: 32 }, device: 'lo', type: 'local' as const })), ...pasted];
    notes.push(`${pasted.length} routes (from ip route)`);
  } else {
    routes = [{ destination: LOOPBACK, device: 'lo', type: 'local' }, ...[...local].map((a) => ({ destination: { address: a, prefix: 32 }, device: uplink, type: 'local' as const }))];
    if (podCidr) {
      // The bridge (or each veth's host side) holds the pod CIDR's first address, as the bridge and ptp plugins set it.
      const gw = ipv4(podCidr.address + 1);
      local.add(gw);
      routes.push({ destination: { address: gw, prefix: 32 }, device: podInterface, type: 'local' });
      routes.push({ destination: podCidr, device: podInterface, type: 'unicast', source: gw });
      notes.push(`pods of this node: ${formatCidr(podCidr)} on ${podInterface}`);
    }
    routes.push({ destination: parseCidr('0.0.0.0/0')!, device: uplink, type: 'unicast', source: nodeIps[0]!, ...(gateway !== undefined ? { via: gateway } : {}) });
    notes.push(`everything else leaves through ${uplink}${gateway !== undefined ? ` via ${formatIpv4(gateway)}` : ''}`);
  }
  return { name: input.name ?? dump.hostname ?? 'node', nodeIps, ...(podCidr ? { podCidr } : {}), uplink, podInterface, routes, localAddresses: local, notes };
}

/** The kernel's lookup: a local route first, then the longest prefix. */
export function lookup(setup: NodeSetup, destination: Ipv4): NodeRoute | undefined {
  let best: NodeRoute | undefined;
  for (const r of setup.routes) {
    if (!cidrContains(r.destination, destination)) continue;
    if (r.type === 'local') return r;
    if (!best || r.destination.prefix > best.destination.prefix) best = r;
  }
  return best;
}

/** The ruleset with counters of its own, so tracing never changes the counters the dump came with. */
function withOwnCounters(ruleset: Ruleset): Ruleset {
  const tables = new Map<TableName, Table>();
  for (const [name, t] of ruleset.tables) {
    const chains = new Map<string, Chain>();
    for (const [c, chain] of t.chains) chains.set(c, { ...chain, rules: chain.rules.map((r) => ({ ...r, counters: { ...r.counters } })) });
    tables.set(name, { name, chains });
  }
  return { tables };
}

/**
 * A fresh node (empty conntrack, the dump's counters as loaded) to trace packets through: the iptables tables
 * of the dump, and its nft tables as the nftables data plane (with a runtime of its own: counters, dynamic
 * sets and numgen state start fresh and never touch the imported ruleset).
 */
export function dumpNode(dump: ImportedDump, setup: NodeSetup): NetfilterNode {
  return {
    name: setup.name,
    ruleset: withOwnCounters(dump.ruleset),
    ...(dump.nft ? { planes: [nftablesPlane(dump.nft.ruleset)] } : {}),
    conntrack: createConntrackTable({ recordEvents: false }),
    localAddresses: setup.localAddresses,
    recent: new Map(),
    nthCounters: new Map(),
    nfacct: new Map(),
    ipsets: new Map(),
    // A module the lab cannot judge (`-m bpf`) does not fire: the import reports each such module.
    unknownMatches: 'no-match',
    route: (destination): RouteDecision | undefined => {
      const r = lookup(setup, destination);
      if (!r) return undefined;
      if (r.type === 'local') return { kind: 'local' };
      return { kind: 'unicast', device: r.device, ...(r.via !== undefined ? { via: r.via } : {}), source: r.source ?? setup.nodeIps[0]! };
    },
  };
}
