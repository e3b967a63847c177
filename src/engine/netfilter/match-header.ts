/**
 * The `struct ipt_ip` part of a rule (`-s -d -i -o -p -f`), checked by the kernel's
 * `ip_packet_match()` (net/ipv4/netfilter/ip_tables.c) before any `-m` module runs.
 */
import { formatCidr, formatIpv4, cidrContains } from '../ipv4';
import type { IpHeaderMatch, Protocol } from './model';
import type { MatchOutcome } from './match-outcome';
import type { L4Protocol, Packet } from '../packet';

/** IANA protocol numbers (/etc/protocols) for the protocols a packet can carry here. */
export const PROTOCOL_NUMBERS: Readonly<Record<L4Protocol, number>> = { icmp: 1, tcp: 6, udp: 17, sctp: 132 };

/**
 * The kernel's interface-name compare: iptables turns `eth+` into the prefix `eth` with a mask over
 * just those bytes, and a plain `eth0` into a mask that also covers the terminating NUL, so it must
 * match exactly. `+` alone has an empty mask and matches any name — even the empty name the kernel
 * uses when a hook has no such interface (`nulldevname`).
 */
export function interfaceMatches(pattern: string, name: string | undefined): boolean {
  const actual = name ?? '';
  return pattern.endsWith('+') ? actual.startsWith(pattern.slice(0, -1)) : actual === pattern;
}

function protocolNumber(p: Protocol): number {
  if (typeof p === 'number') return p;
  return p === 'all' ? 0 : PROTOCOL_NUMBERS[p];
}

/**
 * `ip_packet_match`, with a note on the first field that failed, in notation rather than words (every
 * UI language shows it as is): the option as written, then how the packet's value relates to it —
 * `-d 10.200.1.1/32 ∌ 10.200.1.100`, `! -s 10.10.0.0/16 ∋ 10.10.0.4`, `-p tcp ≠ udp`.
 */
export function ipHeaderOutcome(ip: IpHeaderMatch, packet: Packet): MatchOutcome {
  const bang = (invert: boolean): string => (invert ? '! ' : '');
  // A field fails when its test equals its inversion: a plain option's set lacks the value, an inverted one's holds it.
  const holds = (invert: boolean): string => (invert ? '∋' : '∌');
  const equals = (invert: boolean): string => (invert ? '=' : '≠');
  if (ip.source && cidrContains(ip.source.value, packet.src) === ip.source.invert) {
    return { matched: false, note: `${bang(ip.source.invert)}-s ${formatCidr(ip.source.value)} ${holds(ip.source.invert)} ${formatIpv4(packet.src)}` };
  }
  if (ip.destination && cidrContains(ip.destination.value, packet.dst) === ip.destination.invert) {
    return {
      matched: false,
      note: `${bang(ip.destination.invert)}-d ${formatCidr(ip.destination.value)} ${holds(ip.destination.invert)} ${formatIpv4(packet.dst)}`,
    };
  }
  if (ip.inInterface && interfaceMatches(ip.inInterface.value, packet.inInterface) === ip.inInterface.invert) {
    return { matched: false, note: `${bang(ip.inInterface.invert)}-i ${ip.inInterface.value} ${equals(ip.inInterface.invert)} ${packet.inInterface ?? '∅'}` };
  }
  if (ip.outInterface && interfaceMatches(ip.outInterface.value, packet.outInterface) === ip.outInterface.invert) {
    return { matched: false, note: `${bang(ip.outInterface.invert)}-o ${ip.outInterface.value} ${equals(ip.outInterface.invert)} ${packet.outInterface ?? '∅'}` };
  }
  if (ip.protocol) {
    const wanted = protocolNumber(ip.protocol.value);
    // Protocol 0 ("all") is not compared at all, so even `! -p all` would not reject anything.
    if (wanted !== 0 && (PROTOCOL_NUMBERS[packet.protocol] === wanted) === ip.protocol.invert) {
      return { matched: false, note: `${bang(ip.protocol.invert)}-p ${ip.protocol.value} ${equals(ip.protocol.invert)} ${packet.protocol}` };
    }
  }
  // `-f` matches second and later fragments only; the simulated packets are never fragmented (offset 0).
  if (ip.fragment && !ip.fragment.invert) return { matched: false, note: '-f: frag offset 0' };
  return { matched: true };
}

/** Whether a packet passes the rule's `-s -d -i -o -p -f` part. */
export function matchesIpHeader(ip: IpHeaderMatch, packet: Packet): boolean {
  return ipHeaderOutcome(ip, packet).matched;
}
