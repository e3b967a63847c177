/**
 * Conntrack entries and the per-node table (include/net/netfilter/nf_conntrack.h `struct nf_conn`).
 * Entries are mutable, as the kernel's are: the state machines refresh timeouts and flip status bits in place.
 */
import type { ConntrackTuple } from './tuple';

/** `ct->status` bits (include/uapi/linux/netfilter/nf_conntrack_common.h `enum ip_conntrack_status`). */
export const IPS = {
  EXPECTED: 1 << 0,
  SEEN_REPLY: 1 << 1,
  ASSURED: 1 << 2,
  CONFIRMED: 1 << 3,
  SRC_NAT: 1 << 4,
  DST_NAT: 1 << 5,
  SEQ_ADJUST: 1 << 6,
  SRC_NAT_DONE: 1 << 7,
  DST_NAT_DONE: 1 << 8,
  DYING: 1 << 9,
} as const;

/** A name of one `IPS` bit. */
export type StatusBit = keyof typeof IPS;

/** TCP conntrack states, in the kernel's enum order (`enum tcp_conntrack`); the names are what `conntrack -L` prints. */
export const TCP_STATES = [
  'NONE',
  'SYN_SENT',
  'SYN_RECV',
  'ESTABLISHED',
  'FIN_WAIT',
  'CLOSE_WAIT',
  'LAST_ACK',
  'TIME_WAIT',
  'CLOSE',
  'SYN_SENT2',
] as const;

/** One TCP conntrack state. */
export type TcpConntrackState = (typeof TCP_STATES)[number];

/** Which tuple of the entry a packet matched. */
export type Direction = 'original' | 'reply';

/** What nf_conntrack_tcp_packet remembers between segments besides the state (struct ip_ct_tcp, without windows). */
export interface TcpTracking {
  state: TcpConntrackState;
  /** get_conntrack_index of the last in-window segment (`last_index`). */
  lastIndex: TcpIndex;
  lastDir: Direction;
  /** IP_CT_TCP_FLAG_CLOSE_INIT per direction: this side sent the first FIN. */
  closeInit: { original: boolean; reply: boolean };
  /** IP_CT_TCP_FLAG_DATA_UNACKNOWLEDGED per direction: this side sent data (or SYN/FIN) not yet ACKed. */
  unacked: { original: boolean; reply: boolean };
  /** IP_CT_TCP_SIMULTANEOUS_OPEN. */
  simultaneousOpen: boolean;
  /** IP_CT_EXP_CHALLENGE_ACK: a SYN was let through in LAST_ACK, so the next ACK may be a challenge ACK. */
  expectChallengeAck: boolean;
}

/** tcp_conntracks row: which flag combination a segment carries (get_conntrack_index). */
export type TcpIndex = 'SYN' | 'SYNACK' | 'FIN' | 'ACK' | 'RST' | 'NONE';

/**
 * One network namespace's conntrack timeouts in seconds (the `net.netfilter.nf_conntrack_*timeout*` sysctls,
 * which are per namespace): what a node's table refreshes its entries with.
 */
export interface ConntrackTimeouts {
  readonly tcp: Readonly<Record<TcpConntrackState, number>>;
  /** nf_conntrack_tcp_timeout_max_retrans / _unacknowledged. */
  readonly tcpUnack: number;
  /** nf_conntrack_udp_timeout. */
  readonly udp: number;
  /** nf_conntrack_udp_timeout_stream. */
  readonly udpStream: number;
  /** nf_conntrack_icmp_timeout. */
  readonly icmp: number;
  /** nf_conntrack_generic_timeout. */
  readonly generic: number;
}

/** A tracked connection. */
export interface ConntrackEntry {
  /** Table-local id in creation order (the kernel's is a hash; `conntrack -o id` prints it). */
  readonly id: number;
  readonly original: ConntrackTuple;
  /** Starts as the inverse of `original`; NAT bindings rewrite it (nf_conntrack_alter_reply). */
  reply: ConntrackTuple;
  /** `IPS` bits. */
  status: number;
  /** tcp only. */
  tcp?: TcpTracking;
  /** udp only: after this time a reply-seen flow counts as a stream (ct->proto.udp.stream_ts = creation + 2 s). */
  udpStreamTsMs?: number;
  /**
   * While unconfirmed: the timeout in ms, relative (the kernel adds the clock at confirm).
   * Once confirmed: absolute expiry on the simulated clock, in ms.
   */
  timeoutMs: number;
  /** ct->mark. @default 0 */
  mark: number;
  /** Conntrack zone. @default 0 */
  readonly zone: 0;
  /** Reference count as `conntrack -L` prints it (`use=`). @default 1 */
  readonly use: number;
  /** Simulated time of creation (ms). */
  readonly createdMs: number;
  /** Events raised while unconfirmed, reported with the NEW event at confirm (nf_conntrack_event_cache). */
  pendingEvents: number;
}

/** Event kinds `conntrack -E` prints. */
export type ConntrackEventKind = 'NEW' | 'UPDATE' | 'DESTROY';

/** A reported event: a snapshot of the entry at the time, as ctnetlink sends it. */
export interface ConntrackEvent {
  readonly kind: ConntrackEventKind;
  /** Copy of the entry when the event was sent. */
  readonly entry: ConntrackEntry;
  readonly atMs: number;
  /** Whether the message carries the protocol state (ctnetlink adds CTA_PROTOINFO only when IPCT_PROTOINFO is among the events, and always on NEW/DESTROY). */
  readonly protoinfo: boolean;
}

/** A node's conntrack table. */
export interface ConntrackTable {
  /** Confirmed entries by id, in insertion (confirm) order. */
  readonly entries: Map<number, ConntrackEntry>;
  /** tupleKey → entry and which of its tuples has that key (the kernel's tuplehash, both directions). */
  readonly byTuple: Map<string, { readonly entry: ConntrackEntry; readonly direction: Direction }>;
  nextId: number;
  /** Event log for `conntrack -E`, oldest first; undefined when the table was created without it. */
  readonly events: ConntrackEvent[] | undefined;
  /** The namespace's timeout sysctls the trackers refresh entries with. @default KERNEL_TIMEOUTS (timeouts.ts) */
  readonly timeouts?: ConntrackTimeouts;
}

/** Options for a new table. */
export interface TableOptions {
  /** Keep an event log (`conntrack -E`). @default true */
  readonly recordEvents?: boolean;
  /** The namespace's timeout sysctls (kube-proxy changes two of them on a node). @default KERNEL_TIMEOUTS */
  readonly timeouts?: ConntrackTimeouts;
}

export function createConntrackTable(options: TableOptions = {}): ConntrackTable {
  return {
    entries: new Map(),
    byTuple: new Map(),
    nextId: 1,
    events: options.recordEvents === false ? undefined : [],
    ...(options.timeouts ? { timeouts: options.timeouts } : {}),
  };
}

export function hasStatus(entry: ConntrackEntry, bit: StatusBit): boolean {
  return (entry.status & IPS[bit]) !== 0;
}

export function isConfirmed(entry: ConntrackEntry): boolean {
  return hasStatus(entry, 'CONFIRMED');
}

/** Event bits cached on an entry (enum ip_conntrack_events, the ones we raise). */
export const IPCT = {
  NEW: 1 << 0,
  RELATED: 1 << 1,
  DESTROY: 1 << 2,
  REPLY: 1 << 3,
  ASSURED: 1 << 4,
  PROTOINFO: 1 << 5,
  MARK: 1 << 8,
} as const;
