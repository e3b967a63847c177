/**
 * The TCP connection tracker: the kernel's `tcp_conntracks` state table and the rules of
 * nf_conntrack_tcp_packet() around it (net/netfilter/nf_conntrack_proto_tcp.c, Linux 6.x).
 *
 * Not modelled: sequence-number window tracking (tcp_in_window). Every segment counts as in window,
 * as with net.netfilter.nf_conntrack_tcp_be_liberal=1; an ACK is taken to acknowledge everything
 * the peer has sent (which is what clears the UNACK timeout).
 */
import { IPCT, IPS, TCP_STATES, type ConntrackEntry, type ConntrackTimeouts, type Direction, type TcpConntrackState, type TcpIndex, type TcpTracking } from './model';
import { refresh } from './table';
import { KERNEL_TIMEOUTS } from './timeouts';
import type { TcpFlag } from '../packet';

/** A table cell: a state, or INVALID (sIV) or IGNORE (sIG). */
type Cell = TcpConntrackState | 'INVALID' | 'IGNORE';

// The table's columns are the states in enum order.
const COLUMNS: readonly TcpConntrackState[] = TCP_STATES;

const sSS = 'SYN_SENT', sSR = 'SYN_RECV', sES = 'ESTABLISHED', sFW = 'FIN_WAIT';
const sCW = 'CLOSE_WAIT', sLA = 'LAST_ACK', sTW = 'TIME_WAIT', sCL = 'CLOSE', sS2 = 'SYN_SENT2';
const sIV = 'INVALID', sIG = 'IGNORE';

/** tcp_conntracks[dir][index][old state], transcribed row by row from the kernel. */
const TABLE: Readonly<Record<Direction, Readonly<Record<TcpIndex, readonly Cell[]>>>> = {
  original: {
    //       sNO  sSS  sSR  sES  sFW  sCW  sLA  sTW  sCL  sS2
    SYN: [sSS, sSS, sIG, sIG, sIG, sIG, sIG, sSS, sSS, sS2],
    SYNACK: [sIV, sIV, sSR, sIV, sIV, sIV, sIV, sIV, sIV, sSR],
    FIN: [sIV, sIV, sFW, sFW, sLA, sLA, sLA, sTW, sCL, sIV],
    ACK: [sES, sIV, sES, sES, sCW, sCW, sTW, sTW, sCL, sIV],
    RST: [sIV, sCL, sCL, sCL, sCL, sCL, sCL, sCL, sCL, sCL],
    NONE: [sIV, sIV, sIV, sIV, sIV, sIV, sIV, sIV, sIV, sIV],
  },
  reply: {
    //       sNO  sSS  sSR  sES  sFW  sCW  sLA  sTW  sCL  sS2
    SYN: [sIV, sS2, sIV, sIV, sIV, sIV, sIV, sSS, sIV, sS2],
    SYNACK: [sIV, sSR, sIG, sIG, sIG, sIG, sIG, sIG, sIG, sSR],
    FIN: [sIV, sIV, sFW, sFW, sLA, sLA, sLA, sTW, sCL, sIV],
    ACK: [sIV, sIG, sSR, sES, sCW, sCW, sTW, sTW, sCL, sIG],
    RST: [sIV, sCL, sCL, sCL, sCL, sCL, sCL, sCL, sCL, sCL],
    NONE: [sIV, sIV, sIV, sIV, sIV, sIV, sIV, sIV, sIV, sIV],
  },
};

/** The next state per the table alone (exported for table-driven tests and the UI's state diagram). */
export function tcpTransition(direction: Direction, index: TcpIndex, state: TcpConntrackState): Cell {
  return TABLE[direction][index][COLUMNS.indexOf(state)]!;
}

/** get_conntrack_index: RST wins, then SYN (with or without ACK), then FIN, then ACK. */
export function tcpIndex(flags: readonly TcpFlag[]): TcpIndex {
  const has = (f: TcpFlag): boolean => flags.includes(f);
  if (has('RST')) return 'RST';
  if (has('SYN')) return has('ACK') ? 'SYNACK' : 'SYN';
  if (has('FIN')) return 'FIN';
  if (has('ACK')) return 'ACK';
  return 'NONE';
}

/** What the tracker decided about one segment. */
export type TcpVerdict =
  /** Tracked (possibly ignored without a state change); `events` are IPCT bits to report. */
  | { readonly kind: 'accept'; readonly events: number }
  /** Not valid for this connection: the packet gets no conntrack (ctstate INVALID). */
  | { readonly kind: 'invalid' }
  /** Entry must be deleted and the packet looked up again (a SYN reopening a closed connection: -NF_REPEAT). */
  | { readonly kind: 'repeat' }
  /** Unreplied connection answered by RST: the entry is killed at once (nf_ct_kill_acct), the packet passes. */
  | { readonly kind: 'kill'; readonly events: number };

/** tcp_new(): whether a segment may open a connection, and the tracking it starts with. */
export function tcpNew(flags: readonly TcpFlag[]): TcpTracking | undefined {
  const index = tcpIndex(flags);
  // nf_conntrack_tcp_loose=1 (the default) lets a bare ACK pick up a connection mid-stream.
  if (tcpTransition('original', index, 'NONE') === sIV) return undefined;
  return {
    state: 'NONE',
    lastIndex: 'NONE',
    lastDir: 'original',
    closeInit: { original: false, reply: false },
    unacked: { original: false, reply: false },
    simultaneousOpen: false,
    expectChallengeAck: false,
  };
}

const other = (d: Direction): Direction => (d === 'original' ? 'reply' : 'original');

/** nf_conntrack_tcp_packet for one segment of `entry` travelling in `dir`. */
export function tcpPacket(
  entry: ConntrackEntry,
  dir: Direction,
  flags: readonly TcpFlag[],
  payload: number,
  nowMs: number,
  timeouts: ConntrackTimeouts = KERNEL_TIMEOUTS,
): TcpVerdict {
  const tcp = entry.tcp;
  if (!tcp) return { kind: 'invalid' };
  const index = tcpIndex(flags);
  let oldState = tcp.state;
  let newCell = tcpTransition(dir, index, oldState);

  if (newCell === 'SYN_SENT' && oldState !== 'NONE' && COLUMNS.indexOf(oldState) >= COLUMNS.indexOf('TIME_WAIT')) {
    // RFC 1122 4.2.2.13: a SYN may reopen a connection in TIME_WAIT; the kernel deletes the old entry and
    // looks the packet up again when the old connection was closing or aborted.
    if (tcp.closeInit.original || tcp.closeInit.reply || (tcp.lastDir === dir && tcp.lastIndex === 'RST')) {
      return { kind: 'repeat' };
    }
    newCell = 'IGNORE';
  }
  if (newCell === 'IGNORE') {
    if (index === 'SYNACK' && tcp.lastIndex === 'SYN' && tcp.lastDir !== dir) {
      // A SYN/ACK answering a SYN we ignored: client and server are in sync, resynchronise (case b).
      oldState = 'SYN_SENT';
      newCell = 'SYN_RECV';
    } else {
      tcp.lastIndex = index;
      tcp.lastDir = dir;
      if (index === 'SYN' && dir === 'original') tcp.expectChallengeAck = oldState === 'LAST_ACK';
      return { kind: 'accept', events: 0 };
    }
  }
  if (newCell === 'INVALID') return { kind: 'invalid' };
  if (newCell === 'TIME_WAIT' && oldState === 'LAST_ACK' && index === 'ACK' && tcp.lastDir !== dir && tcp.lastIndex === 'SYN' && tcp.expectChallengeAck) {
    // RFC 5961 challenge ACK to a spurious SYN: it does not acknowledge the last FIN.
    tcp.expectChallengeAck = false;
    return { kind: 'accept', events: 0 };
  }
  if (newCell === 'SYN_SENT2') tcp.simultaneousOpen = true;
  if (newCell === 'SYN_RECV' && dir === 'reply' && index === 'ACK' && tcp.simultaneousOpen) newCell = 'ESTABLISHED';
  const newState: TcpConntrackState = newCell;

  trackAcks(tcp, dir, flags, payload);
  tcp.lastIndex = index;
  tcp.lastDir = dir;
  tcp.state = newState;
  if (oldState !== newState && newState === 'FIN_WAIT') tcp.closeInit[dir] = true;

  let timeout: number;
  if (index === 'RST') timeout = timeouts.tcp.CLOSE;
  else if ((tcp.unacked.original || tcp.unacked.reply) && timeouts.tcp[newState] > timeouts.tcpUnack) timeout = timeouts.tcpUnack;
  else timeout = timeouts.tcp[newState];

  let events = oldState !== newState ? IPCT.PROTOINFO : 0;
  if ((entry.status & IPS.SEEN_REPLY) === 0) {
    // "If only reply is a RST, we can consider ourselves not to have an established connection" --RR
    if (flags.includes('RST')) return { kind: 'kill', events };
    // A retransmitted SYN does not renew the timeout, so port reuse cannot keep the entry alive forever.
    if (index === 'SYN' && oldState === 'SYN_SENT') return { kind: 'accept', events };
    // Picked up mid-stream without a reply: avoid the 5-day ESTABLISHED timeout.
    if (newState === 'ESTABLISHED' && timeout > timeouts.tcpUnack) timeout = timeouts.tcpUnack;
  } else if ((entry.status & IPS.ASSURED) === 0 && (oldState === 'SYN_RECV' || oldState === 'ESTABLISHED') && newState === 'ESTABLISHED') {
    // The handshake's final ACK (or a reply to a picked-up connection) makes the connection ASSURED.
    entry.status |= IPS.ASSURED;
    events |= IPCT.ASSURED;
  }
  refresh(entry, timeout, nowMs);
  return { kind: 'accept', events };
}

/** IP_CT_TCP_FLAG_DATA_UNACKNOWLEDGED bookkeeping: SYN, FIN and data occupy sequence space until ACKed. */
function trackAcks(tcp: TcpTracking, dir: Direction, flags: readonly TcpFlag[], payload: number): void {
  if (flags.includes('ACK')) tcp.unacked[other(dir)] = false;
  if (flags.includes('SYN') || flags.includes('FIN') || payload > 0) tcp.unacked[dir] = true;
}
