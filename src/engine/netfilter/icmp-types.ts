/**
 * The ICMP type names `--icmp-type` takes and `iptables -L` prints, in libxt_icmp's own table order
 * (extensions/libxt_icmp.c `icmp_codes`): the first entry of a (type, code range) wins when printing, so
 * `echo-reply` shows rather than its alias `pong`. `code` undefined means every code (0–255).
 */
export interface IcmpTypeName {
  readonly name: string;
  readonly type: number;
  readonly code?: number;
}

export const ICMP_TYPE_NAMES: readonly IcmpTypeName[] = [
  { name: 'any', type: 255 },
  { name: 'echo-reply', type: 0 },
  { name: 'pong', type: 0 },
  { name: 'destination-unreachable', type: 3 },
  { name: 'network-unreachable', type: 3, code: 0 },
  { name: 'host-unreachable', type: 3, code: 1 },
  { name: 'protocol-unreachable', type: 3, code: 2 },
  { name: 'port-unreachable', type: 3, code: 3 },
  { name: 'fragmentation-needed', type: 3, code: 4 },
  { name: 'source-route-failed', type: 3, code: 5 },
  { name: 'network-unknown', type: 3, code: 6 },
  { name: 'host-unknown', type: 3, code: 7 },
  { name: 'network-prohibited', type: 3, code: 9 },
  { name: 'host-prohibited', type: 3, code: 10 },
  { name: 'TOS-network-unreachable', type: 3, code: 11 },
  { name: 'TOS-host-unreachable', type: 3, code: 12 },
  { name: 'communication-prohibited', type: 3, code: 13 },
  { name: 'host-precedence-violation', type: 3, code: 14 },
  { name: 'precedence-cutoff', type: 3, code: 15 },
  { name: 'source-quench', type: 4 },
  { name: 'redirect', type: 5 },
  { name: 'network-redirect', type: 5, code: 0 },
  { name: 'host-redirect', type: 5, code: 1 },
  { name: 'TOS-network-redirect', type: 5, code: 2 },
  { name: 'TOS-host-redirect', type: 5, code: 3 },
  { name: 'echo-request', type: 8 },
  { name: 'ping', type: 8 },
  { name: 'router-advertisement', type: 9 },
  { name: 'router-solicitation', type: 10 },
  { name: 'time-exceeded', type: 11 },
  { name: 'ttl-exceeded', type: 11 },
  { name: 'ttl-zero-during-transit', type: 11, code: 0 },
  { name: 'ttl-zero-during-reassembly', type: 11, code: 1 },
  { name: 'parameter-problem', type: 12 },
  { name: 'ip-header-bad', type: 12, code: 0 },
  { name: 'required-option-missing', type: 12, code: 1 },
  { name: 'timestamp-request', type: 13 },
  { name: 'timestamp-reply', type: 14 },
  { name: 'address-mask-request', type: 17 },
  { name: 'address-mask-reply', type: 18 },
];

/** `--icmp-type NAME` → type and code (libxt_icmp matches names by prefix too; we take whole names). */
export function icmpTypeByName(name: string): { type: number; code?: number } | undefined {
  const e = ICMP_TYPE_NAMES.find((n) => n.name === name);
  return e ? (e.code === undefined ? { type: e.type } : { type: e.type, code: e.code }) : undefined;
}

/** The name `iptables -L` prints for a type and code, if the table has one. */
export function icmpTypeName(type: number, code: number | undefined): string | undefined {
  return ICMP_TYPE_NAMES.find((n) => n.type === type && n.code === code)?.name;
}
