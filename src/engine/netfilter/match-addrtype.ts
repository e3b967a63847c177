/**
 * `-m addrtype`: the routing type the kernel gives an address (xt_addrtype.c asks
 * `inet_addr_type()`, i.e. a lookup in the node's `local` routing table).
 */
import { formatIpv4, type Ipv4 } from '../ipv4';
import type { AddrType, Match } from './model';
import type { MatchContext } from './match-context';
import type { MatchOutcome } from './match-outcome';
import type { Packet } from '../packet';

/**
 * The type `inet_addr_type()` returns, for the types the simulation models:
 * - BROADCAST: 255.255.255.255 and 0.0.0.0 (`ipv4_is_lbcast` / `ipv4_is_zeronet` are tested first);
 *   the broadcast address of a node's own subnet (a `broadcast` route in the local table) is not modelled.
 * - MULTICAST: 224.0.0.0/4.
 * - LOCAL: an address the node owns, and all of 127.0.0.0/8 (`local 127.0.0.0/8 dev lo` in the local table).
 * - UNICAST: anything else (the local table has no route for it).
 */
export function addressType(addr: Ipv4, localAddresses: ReadonlySet<Ipv4>): AddrType {
  if (addr === 0xffffffff || addr === 0) return 'BROADCAST';
  if (addr >>> 28 === 0xe) return 'MULTICAST';
  if (addr >>> 24 === 127 || localAddresses.has(addr)) return 'LOCAL';
  return 'UNICAST';
}

type AddrtypeMatch = Extract<Match, { kind: 'addrtype' }>;

/** xt_addrtype `addrtype_mt_v1`: each given side must pass `(mask & 1 << type) ^ invert`. */
export function evaluateAddrtype(m: AddrtypeMatch, packet: Packet, ctx: MatchContext): MatchOutcome {
  const notes: string[] = [];
  const sides: [string, Ipv4, AddrtypeMatch['srcType']][] = [
    ['src', packet.src, m.srcType],
    ['dst', packet.dst, m.dstType],
  ];
  for (const [side, addr, wanted] of sides) {
    if (!wanted) continue;
    const type = addressType(addr, ctx.localAddresses);
    const listed = wanted.value.includes(type);
    const ok = listed !== wanted.invert;
    // Notation (see matches.ts): `addrtype --dst-type LOCAL ∌ 10.10.2.2 (UNICAST)`, the address's type on this node last.
    notes.push(`addrtype ${wanted.invert ? '! ' : ''}--${side}-type ${wanted.value.join(',')} ${listed ? '∋' : '∌'} ${formatIpv4(addr)} (${type})`);
    if (!ok) return { matched: false, note: notes.join('; ') };
  }
  if (m.limitIfaceIn || m.limitIfaceOut) notes.push('addrtype: --limit-iface-in/out not simulated (node-wide types used)');
  return { matched: true, note: notes.join('; ') };
}
