/** What type of value each selector reads: how its constants are written, compared and printed. */
import type { NftType, Selector } from './model';

/** The type of what a selector reads (one per part of a concatenation). */
export function typesOf(s: Selector): NftType[] {
  switch (s.kind) {
    case 'payload':
      if (s.proto === 'icmp') return ['icmp_type'];
      return [s.field === 'saddr' || s.field === 'daddr' ? 'ipv4_addr' : s.field === 'protocol' ? 'inet_proto' : 'inet_service'];
    case 'meta':
      return [s.key === 'l4proto' ? 'inet_proto' : s.key === 'mark' ? 'mark' : 'ifname'];
    case 'ct':
      return [s.key === 'state' ? 'ct_state' : s.key === 'status' ? 'ct_status' : 'mark'];
    case 'fib':
      return ['fib_addrtype'];
    case 'numgen':
      return ['integer'];
    case 'concat':
      return s.parts.flatMap(typesOf);
    case 'binop':
      return typesOf(s.left);
  }
}
