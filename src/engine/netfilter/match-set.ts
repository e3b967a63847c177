/**
 * `-m set --match-set NAME FLAGS`: membership in an ipset (net/netfilter/xt_set.c, ipset's
 * `ip_set_test`). Members are the strings `ipset list` prints, as kube-proxy's IPVS mode fills them:
 * `10.96.0.1,tcp:443` (hash:ip,port), `10.244.1.5,tcp:80,10.244.1.5` (hash:ip,port,ip),
 * `10.0.0.0/8` (hash:net), `30080` (bitmap:port).
 */
import { cidrContains, formatIpv4, parseCidr, type Cidr } from '../ipv4';
import type { Match } from './model';
import type { IpSet, MatchContext } from './match-context';
import type { MatchOutcome } from './match-outcome';
import type { Packet } from '../packet';

type SetMatch = Extract<Match, { kind: 'set' }>;

/** The element dimensions ipset understands; the simulation models ip, net and port. */
type Dimension = 'ip' | 'net' | 'port';
const MODELLED: ReadonlySet<string> = new Set(['ip', 'net', 'port']);

/** What a packet offers for one dimension, picked by that dimension's src/dst flag. */
interface Probe {
  readonly addr: number;
  readonly port: number;
  readonly proto: Packet['protocol'];
}

/** One parsed part of a member; `specificity` ranks overlapping hash:net entries (most specific wins). */
type Part =
  | { readonly dim: 'ip' | 'net'; readonly cidr: Cidr }
  | { readonly dim: 'port'; readonly proto: string; readonly from: number; readonly to: number };

function parsePort(text: string): Part | undefined {
  const colon = text.indexOf(':');
  // ipset defaults the protocol of a bare port to tcp (ipset(8), "hash:ip,port").
  const proto = colon === -1 ? 'tcp' : text.slice(0, colon);
  const rest = colon === -1 ? text : text.slice(colon + 1);
  if (proto === 'icmp') {
    const m = /^(\d+)\/(\d+)$/.exec(rest);
    if (!m) return undefined;
    // ipset keys icmp by type<<8|code (ip_set_get_ip4_port).
    const v = (Number(m[1]) << 8) | Number(m[2]);
    return { dim: 'port', proto, from: v, to: v };
  }
  const m = /^(\d+)(?:-(\d+))?$/.exec(rest);
  if (!m) return undefined;
  return { dim: 'port', proto, from: Number(m[1]), to: Number(m[2] ?? m[1]) };
}

function parsePart(dim: Dimension, text: string): Part | undefined {
  if (dim === 'port') return parsePort(text);
  const cidr = parseCidr(text);
  return cidr ? { dim, cidr } : undefined;
}

function partMatches(part: Part, probe: Probe, bitmap: boolean): boolean {
  if (part.dim !== 'port') return cidrContains(part.cidr, probe.addr);
  // bitmap:port stores bare port numbers and ignores the protocol, but only looks at packets that
  // carry ports (bitmap_port_kadt refuses others).
  if (bitmap ? probe.proto === 'icmp' : part.proto !== probe.proto) return false;
  return probe.port >= part.from && probe.port <= part.to;
}

function probeFor(flag: 'src' | 'dst', packet: Packet): Probe {
  const icmpKey = ((packet.icmpType ?? 0) << 8) | (packet.icmpCode ?? 0);
  const port = packet.protocol === 'icmp' ? icmpKey : flag === 'src' ? packet.sport : packet.dport;
  return { addr: flag === 'src' ? packet.src : packet.dst, port, proto: packet.protocol };
}

function describeKey(set: IpSet, probes: readonly Probe[], dims: readonly Dimension[]): string {
  return dims
    .map((d, i) => {
      const p = probes[i]!;
      return d === 'port' ? (set.type.startsWith('bitmap:') ? `${p.port}` : `${p.proto}:${p.port}`) : formatIpv4(p.addr);
    })
    .join(',');
}

export function evaluateSet(m: SetMatch, packet: Packet, ctx: MatchContext): MatchOutcome {
  const flags = m.flags.join(',');
  // Notation (see matches.ts): `set KUBE-X ∋ 10.0.0.1 (src)`; `∄` when the node has no such ipset.
  const head = `${m.invert ? '! ' : ''}set ${m.setName}`;
  const set = ctx.ipsets.get(m.setName);
  if (!set) return { matched: false, note: `set ${m.setName} ∄` };
  const dims = (set.type.split(':')[1] ?? '').split(',');
  if (!dims.every((d) => MODELLED.has(d))) {
    return { matched: m.invert, unknown: true, note: `${head} (${set.type}): not simulated` };
  }
  const modelled = dims as Dimension[];
  // ip_set_test refuses a lookup with fewer flags than the set has dimensions.
  if (m.flags.length < modelled.length) {
    return { matched: m.invert, note: `${head} (${set.type}) ${flags}: ${m.flags.length} < ${modelled.length}` };
  }
  const probes = modelled.map((_, i) => probeFor(m.flags[i]!, packet));
  const bitmap = set.type.startsWith('bitmap:');
  let best: { specificity: number; nomatch: boolean; member: string } | undefined;
  for (const member of set.members) {
    const words = member.trim().split(/\s+/);
    const parts = (words[0] ?? '').split(',');
    if (parts.length !== modelled.length) continue;
    const parsed = parts.map((t, i) => parsePart(modelled[i]!, t));
    if (!parsed.every((p, i) => p !== undefined && partMatches(p, probes[i]!, bitmap))) continue;
    const specificity = parsed.reduce((s, p) => s + (p && p.dim !== 'port' ? p.cidr.prefix : 0), 0);
    if (!best || specificity > best.specificity) best = { specificity, nomatch: words.includes('nomatch'), member: words[0]! };
  }
  // A `nomatch` entry in a hash:net set carves an exception out of a wider entry (ipset(8)).
  const found = best !== undefined && !best.nomatch;
  const ret = found !== m.invert;
  const key = describeKey(set, probes, modelled);
  const why = found ? `∋ ${best!.member}` : best ? `∌ ${key} (${best.member} nomatch)` : `∌ ${key}`;
  return { matched: ret, note: `${head} ${why} (${flags})` };
}
