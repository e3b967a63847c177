/**
 * ipsets as the kernel holds them and `ipset list` (ipset 7.17, Linux 6.x) prints them. kube-proxy creates
 * every set with `ipset create NAME TYPE family inet hashsize 1024 maxelem 65536 -exist` (bitmap:port:
 * `range 0-65535`) and adds members one by one in sorted order (pkg/proxy/ipvs/ipset/ipset.go).
 * The kernel keeps hash sets in 2^10 buckets chosen by jhash2 over the element with the set's `initval`
 * (random at create time on a real node; here chosen from the set's name so the output is stable), and
 * `ipset list` walks the buckets in order — so the member order is the hash's order, not insertion order
 * (net/netfilter/ipset/ip_set_hash_gen.h `mtype_list`, `mtype_add`).
 */
import { formatCidr, formatIpv4, parseCidr, parseIpv4 } from '../ipv4';
import { jhash2 } from './jhash';

export type IpSetType = 'hash:ip' | 'hash:ip,port' | 'hash:ip,port,ip' | 'hash:ip,port,net' | 'bitmap:port';

export interface IpSet {
  readonly name: string;
  readonly type: IpSetType;
  /** The jhash seed of a hash set (`initval`; a node picks it at random when the set is created). */
  readonly initval: number;
  /** Members as `ipset add` takes them (`10.96.0.1,tcp:443`), in the order they were added. */
  readonly members: readonly string[];
  /** iptables rules that name the set (`-m set --match-set`): each holds a reference (xt_set's `ip_set_nfnl_get_byindex`). */
  readonly references: number;
}

const HASHSIZE = 1024;
/** `htable_bits(hashsize)`: fls(1024 − 1). */
const HTABLE_BITS = 10;
const MAXELEM = 65536;
/** The default `bucketsize` of ipset 7.x (AHASH_MAX_TUNED's starting point), printed in the header. */
const BUCKETSIZE = 12;
/** Buckets start with room for 2 elements and grow by 2 (AHASH_INIT_SIZE). */
const AHASH_INIT_SIZE = 2;
/** `sizeof(struct hbucket)` on 64-bit: rcu_head (16) + used bitmap (8) + size, pos, aligned to 8. */
const HBUCKET_SIZE = 32;

/** Per type: kernel module revision, `sizeof(struct htype)+…` of an empty set, and `dsize` (one element's bytes). */
const LAYOUT: Readonly<Record<Exclude<IpSetType, 'bitmap:port'>, { revision: number; base: number; dsize: number }>> = {
  'hash:ip': { revision: 6, base: 216, dsize: 4 },
  'hash:ip,port': { revision: 7, base: 216, dsize: 8 },
  'hash:ip,port,ip': { revision: 6, base: 208, dsize: 12 },
  'hash:ip,port,net': { revision: 8, base: 464, dsize: 12 },
};
/** bitmap:port over 0-65535: the map is one bit per port, allocated whole at create (8192 bytes + the header). */
const BITMAP_PORT = { revision: 3, size: 8264 };

const PROTOCOLS: Readonly<Record<string, number>> = { tcp: 6, udp: 17, sctp: 132 };

/** An address as the u32 the kernel reads from its network-order bytes on a little-endian CPU. */
function leWord(ip: number): number {
  return (((ip >>> 24) & 0xff) | (((ip >>> 16) & 0xff) << 8) | (((ip >>> 8) & 0xff) << 16) | ((ip & 0xff) << 24)) >>> 0;
}

/** port (big-endian) then two bytes, as one little-endian u32. */
function portWord(port: number, b2: number, b3: number): number {
  return (((port >>> 8) & 0xff) | ((port & 0xff) << 8) | (b2 << 16) | (b3 << 24)) >>> 0;
}

/** The element struct (`hash_ipport4_elem` etc.) as u32 words, for the bucket hash. */
function elementWords(type: IpSetType, member: string): number[] | undefined {
  const parts = member.split(',');
  const ip = parseIpv4(parts[0] ?? '');
  if (ip === undefined) return undefined;
  if (type === 'hash:ip') return [leWord(ip)];
  const m = /^(tcp|udp|sctp):(\d+)$/.exec(parts[1] ?? '');
  if (!m) return undefined;
  const proto = PROTOCOLS[m[1]!]!;
  const port = Number(m[2]);
  if (type === 'hash:ip,port') return [leWord(ip), portWord(port, proto, 0)];
  if (type === 'hash:ip,port,ip') {
    const ip2 = parseIpv4(parts[2] ?? '');
    return ip2 === undefined ? undefined : [leWord(ip), leWord(ip2), portWord(port, proto, 0)];
  }
  const net = parseCidr(parts[2] ?? '');
  if (net === undefined || net.prefix === 0) return undefined;
  // hash_ipportnet4_elem: ip, ip2 (masked), port, cidr − 1 in 7 bits (nomatch bit clear), proto.
  return [leWord(ip), leWord(net.address), portWord(port, (net.prefix - 1) & 0x7f, proto)];
}

/**
 * A hash:ip,port,net member's network is stored masked and printed so (`10.1.2.3/8` lists as `10.0.0.0/8`),
 * a /32 without its prefix (ipset's `ip_set_print_ipaddr` omits a full mask).
 */
function canonicalMember(type: IpSetType, member: string): string {
  if (type !== 'hash:ip,port,net') return member;
  const parts = member.split(',');
  const net = parseCidr(parts[2] ?? '');
  if (net === undefined) return member;
  return `${parts[0]},${parts[1]},${net.prefix === 32 ? formatIpv4(net.address) : formatCidr(net)}`;
}

interface Layout {
  readonly ordered: readonly string[];
  readonly memory: number;
}

/** Where the kernel puts each member, and what the buckets cost (`mtype_ahash_memsize`). */
function layout(set: IpSet): Layout {
  const members = [...new Set(set.members.map((m) => canonicalMember(set.type, m)))];
  if (set.type === 'bitmap:port') return { ordered: members.map(Number).sort((a, b) => a - b).map(String), memory: BITMAP_PORT.size };
  const { base, dsize } = LAYOUT[set.type];
  const buckets = new Map<number, string[]>();
  for (const member of members) {
    const words = elementWords(set.type, member);
    if (words === undefined) continue;
    const b = jhash2(words, set.initval) & ((1 << HTABLE_BITS) - 1);
    const bucket = buckets.get(b);
    if (bucket) bucket.push(member);
    else buckets.set(b, [member]);
  }
  let memory = base;
  // Each allocation and each growth by AHASH_INIT_SIZE counts `ext_size(AHASH_INIT_SIZE, dsize)`, header included.
  for (const bucket of buckets.values()) memory += Math.ceil(bucket.length / AHASH_INIT_SIZE) * (HBUCKET_SIZE + AHASH_INIT_SIZE * dsize);
  const ordered = [...buckets.entries()].sort(([a], [b]) => a - b).flatMap(([, m]) => m);
  return { ordered, memory };
}

const hex8 = (n: number): string => `0x${(n >>> 0).toString(16).padStart(8, '0')}`;

function header(set: IpSet): string {
  return set.type === 'bitmap:port' ? 'range 0-65535' : `family inet hashsize ${HASHSIZE} maxelem ${MAXELEM} bucketsize ${BUCKETSIZE} initval ${hex8(set.initval)}`;
}

function revision(type: IpSetType): number {
  return type === 'bitmap:port' ? BITMAP_PORT.revision : LAYOUT[type].revision;
}

/** `ipset list`: every set, a blank line between sets. */
export function printIpsetList(sets: readonly IpSet[]): string {
  return sets
    .map((set) => {
      const { ordered, memory } = layout(set);
      return [
        `Name: ${set.name}`,
        `Type: ${set.type}`,
        `Revision: ${revision(set.type)}`,
        `Header: ${header(set)}`,
        `Size in memory: ${memory}`,
        `References: ${set.references}`,
        `Number of entries: ${ordered.length}`,
        'Members:',
        ...ordered,
      ].join('\n') + '\n';
    })
    .join('\n');
}

/**
 * The `ipset restore` text of kube-proxy's calls (`ipset create … -exist`, then `ipset add NAME ENTRY -exist`
 * per member in sorted order), with the initval the lab chose, so the real ipset builds exactly the sets printed.
 */
export function ipsetRestoreText(sets: readonly IpSet[]): string {
  const lines: string[] = [];
  for (const set of sets) {
    lines.push(`create ${set.name} ${set.type} ${set.type === 'bitmap:port' ? 'range 0-65535' : `family inet hashsize ${HASHSIZE} maxelem ${MAXELEM} initval ${hex8(set.initval)}`} -exist`);
    for (const m of set.members) lines.push(`add ${set.name} ${m} -exist`);
  }
  return lines.length ? `${lines.join('\n')}\n` : '';
}
