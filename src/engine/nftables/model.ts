/**
 * An nftables ruleset as the kernel holds it (and `nft list ruleset` shows it): tables of a family, each
 * with named sets and maps and chains; a chain's rules are lists of statements, each statement built
 * from typed expressions (payload, meta, ct, fib, numgen, concatenations) compared with typed values.
 *
 * The model is the *kernel's* view: what nft's evaluation already normalised (a one-element anonymous
 * set is a plain comparison, `mark or 0x4000` is `meta mark | 0x4000`, a set updated from the packet path
 * is `dynamic`) — both parsers produce it, both printers read it (print-list.ts, print-transaction.ts).
 */

export type NftFamily = 'ip' | 'ip6' | 'inet' | 'arp' | 'bridge' | 'netdev';
export const NFT_FAMILIES: readonly NftFamily[] = ['ip', 'ip6', 'inet', 'arp', 'bridge', 'netdev'];

export type NftHook = 'prerouting' | 'input' | 'forward' | 'output' | 'postrouting';
export const NFT_HOOKS: readonly NftHook[] = ['prerouting', 'input', 'forward', 'output', 'postrouting'];

/** The data types a value can have (nft's datatype names, as set declarations spell them). */
export type NftType = 'ipv4_addr' | 'inet_proto' | 'inet_service' | 'mark' | 'ct_state' | 'ct_status' | 'fib_addrtype' | 'integer' | 'ifname' | 'icmp_type';
export const NFT_TYPES: readonly NftType[] = ['ipv4_addr', 'inet_proto', 'inet_service', 'mark', 'ct_state', 'ct_status', 'fib_addrtype', 'integer', 'ifname', 'icmp_type'];

/** One constant, typed: addresses as u32, ports, protocol numbers, marks, ct state bits, fib address types. */
export type Value =
  | { readonly kind: 'int'; readonly type: NftType; readonly value: number }
  | { readonly kind: 'prefix'; readonly type: NftType; readonly value: number; readonly length: number }
  | { readonly kind: 'range'; readonly type: NftType; readonly from: number; readonly to: number }
  | { readonly kind: 'string'; readonly type: NftType; readonly value: string }
  | { readonly kind: 'concat'; readonly parts: readonly Value[] };

/** What a rule reads from the packet, its connection or the route (the left side of a match). */
export type Selector =
  | { readonly kind: 'payload'; readonly proto: 'ip' | 'tcp' | 'udp' | 'sctp' | 'th'; readonly field: 'saddr' | 'daddr' | 'protocol' | 'sport' | 'dport' }
  | { readonly kind: 'payload'; readonly proto: 'icmp'; readonly field: 'type' }
  /** `meta l4proto`, `meta mark`, `iifname`, `oifname` (the interface keys print without `meta`). */
  | { readonly kind: 'meta'; readonly key: 'l4proto' | 'mark' | 'iifname' | 'oifname' }
  | { readonly kind: 'ct'; readonly key: 'state' | 'status' | 'mark' }
  /** `fib saddr type`, `fib daddr type`: the route lookup's address type. */
  | { readonly kind: 'fib'; readonly flag: 'saddr' | 'daddr'; readonly result: 'type' }
  | { readonly kind: 'numgen'; readonly mode: 'random' | 'inc'; readonly mod: number; readonly offset: number }
  | { readonly kind: 'concat'; readonly parts: readonly Selector[] }
  /** `meta mark & 0x4000`, `meta mark | 0x4000`, `meta mark ^ 0x4000`. */
  | { readonly kind: 'binop'; readonly op: '&' | '|' | '^'; readonly left: Selector; readonly right: number };

export type Verdict =
  | { readonly kind: 'accept' | 'drop' | 'return' | 'continue' }
  | { readonly kind: 'jump' | 'goto'; readonly chain: string };

/** The right side of a match or the key side of a map: a constant, an anonymous set, a named set. */
export type SetRef = { readonly kind: 'anonymous'; readonly elements: readonly Value[] } | { readonly kind: 'named'; readonly name: string };

export interface MapElement {
  readonly key: Value;
  readonly verdict: Verdict;
}

export type RejectWith =
  /** Plain `reject`: ICMP port unreachable (ip family). */
  | { readonly kind: 'icmp'; readonly code: IcmpRejectCode }
  | { readonly kind: 'tcp-reset' };

export type IcmpRejectCode = 'port-unreachable' | 'net-unreachable' | 'host-unreachable' | 'prot-unreachable' | 'net-prohibited' | 'host-prohibited' | 'admin-prohibited';
export const ICMP_REJECT_CODES: readonly IcmpRejectCode[] = ['port-unreachable', 'net-unreachable', 'host-unreachable', 'prot-unreachable', 'net-prohibited', 'host-prohibited', 'admin-prohibited'];

export type Statement =
  | { readonly kind: 'match'; readonly left: Selector; readonly op: '==' | '!='; readonly right: Value | SetRef }
  | { readonly kind: 'vmap'; readonly key: Selector; readonly map: { readonly kind: 'anonymous'; readonly elements: readonly MapElement[] } | { readonly kind: 'named'; readonly name: string } }
  | { readonly kind: 'verdict'; readonly verdict: Verdict }
  /** The counts as loaded (`counter packets 5 bytes 10`); the data plane counts on top of them. */
  | { readonly kind: 'counter'; readonly packets: number; readonly bytes: number }
  /** `update @set { ip saddr }` / `add @set { … }`: the packet path adds the key (refreshing its timeout). */
  | { readonly kind: 'set-update'; readonly op: 'add' | 'update'; readonly set: string; readonly key: Selector; readonly timeoutMs?: number }
  | { readonly kind: 'dnat' | 'snat'; readonly address: number; readonly port?: number }
  | { readonly kind: 'masquerade'; readonly flags: readonly ('random' | 'fully-random' | 'persistent')[] }
  /** `meta mark set …`, `ct mark set …`: a constant or `meta mark | 0x4000`. */
  | { readonly kind: 'mark-set'; readonly target: 'meta' | 'ct'; readonly value: Selector | number }
  | { readonly kind: 'reject'; readonly with: RejectWith }
  | { readonly kind: 'notrack' }
  /** `log prefix "…"`: the packet goes on (the lab keeps no kernel log). */
  | { readonly kind: 'log'; readonly prefix?: string; readonly level?: string }
  /**
   * An IPv6 expression (`ip6 saddr fd00::/8`, `icmpv6 type …`, `meta nfproto ipv6`, a lookup keyed by
   * `ip6 daddr`), kept as nft printed it: it carries nft's implicit `meta nfproto ipv6` dependency, so an
   * IPv4 packet — the only kind the lab sends — never matches it (an inet table's IPv6 rules).
   */
  | { readonly kind: 'ipv6-only'; readonly text: string };

export interface NftRule {
  readonly statements: readonly Statement[];
  readonly comment?: string;
}

export interface BaseChainSpec {
  readonly type: 'filter' | 'nat' | 'route';
  readonly hook: NftHook;
  readonly priority: number;
  readonly policy: 'accept' | 'drop';
}

export interface NftChain {
  readonly name: string;
  readonly comment?: string;
  /** Set for base chains: the hook entry the chain registers. */
  readonly base?: BaseChainSpec;
  readonly rules: readonly NftRule[];
}

export type SetFlag = 'constant' | 'interval' | 'timeout' | 'dynamic';
export const SET_FLAGS: readonly SetFlag[] = ['constant', 'interval', 'timeout', 'dynamic'];

export interface SetElement {
  readonly key: Value;
  /** Maps: the element's verdict. */
  readonly verdict?: Verdict;
  readonly timeoutMs?: number;
  /** What is left of the timeout, as a listing shows it (`expires 2h59m58s`). */
  readonly expiresMs?: number;
  readonly comment?: string;
}

export interface NftSet {
  readonly kind: 'set' | 'map';
  readonly name: string;
  /** The key's type; more than one for a concatenation (`ipv4_addr . inet_proto . inet_service`). */
  readonly keyType: readonly NftType[];
  /** Maps: only verdict maps are modelled. */
  readonly flags: readonly SetFlag[];
  readonly timeoutMs?: number;
  readonly size?: number;
  readonly comment?: string;
  readonly elements: readonly SetElement[];
}

export interface NftTable {
  readonly family: NftFamily;
  readonly name: string;
  readonly comment?: string;
  /** Sets and maps in creation order (nft lists them before the chains). */
  readonly sets: readonly NftSet[];
  readonly chains: readonly NftChain[];
}

export interface NftRuleset {
  readonly tables: readonly NftTable[];
}

/** `ip kube-proxy`: how hops and hook entries name a table. */
export const tableRef = (t: Pick<NftTable, 'family' | 'name'>): `${NftFamily} ${string}` => `${t.family} ${t.name}`;

/** A problem in nft text, located (1-based line and column), as the iptables parser reports them. */
export interface NftIssue {
  readonly line: number;
  readonly col: number;
  readonly message: string;
}
