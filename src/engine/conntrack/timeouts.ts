/**
 * Default timeouts in seconds, as the kernel sets them (net/netfilter/nf_conntrack_proto_*.c, 6.x;
 * sysctl net.netfilter.nf_conntrack_*_timeout*).
 */
import type { ConntrackTimeouts, TcpConntrackState } from './model';

/** nf_conntrack_proto_tcp.c `tcp_timeouts[]`. NONE is never used as a timeout. */
export const TCP_TIMEOUTS: Readonly<Record<TcpConntrackState, number>> = {
  NONE: 0,
  SYN_SENT: 120,
  SYN_RECV: 60,
  ESTABLISHED: 432000,
  FIN_WAIT: 120,
  CLOSE_WAIT: 60,
  LAST_ACK: 30,
  TIME_WAIT: 120,
  CLOSE: 10,
  SYN_SENT2: 120,
};

/** TCP_CONNTRACK_UNACK: caps the timeout while data is unacknowledged or the connection was picked up mid-stream. */
export const TCP_UNACK_TIMEOUT = 300;

/** nf_conntrack_udp_timeout (UDP_CT_UNREPLIED). */
export const UDP_TIMEOUT = 30;
/** nf_conntrack_udp_timeout_stream (UDP_CT_REPLIED), 120 s since Linux 5.x (was 180). */
export const UDP_STREAM_TIMEOUT = 120;
/** A replied UDP flow becomes a stream (ASSURED, stream timeout) only when still active this long after creation. */
export const UDP_STREAM_AFTER_MS = 2000;

/** nf_conntrack_icmp_timeout. */
export const ICMP_TIMEOUT = 30;

/** nf_conntrack_generic_timeout, used for protocols without their own tracker here (sctp). */
export const GENERIC_TIMEOUT = 600;

/** The kernel's defaults, as a fresh network namespace has them. */
export const KERNEL_TIMEOUTS: ConntrackTimeouts = {
  tcp: TCP_TIMEOUTS,
  tcpUnack: TCP_UNACK_TIMEOUT,
  udp: UDP_TIMEOUT,
  udpStream: UDP_STREAM_TIMEOUT,
  icmp: ICMP_TIMEOUT,
  generic: GENERIC_TIMEOUT,
};

/** A copy of `base` with some sysctls changed (what `sysctl -w` does to one namespace). */
export function withTimeouts(
  base: ConntrackTimeouts,
  change: { readonly tcp?: Partial<Record<TcpConntrackState, number>>; readonly udp?: number; readonly udpStream?: number },
): ConntrackTimeouts {
  return {
    ...base,
    tcp: { ...base.tcp, ...change.tcp },
    ...(change.udp !== undefined ? { udp: change.udp } : {}),
    ...(change.udpStream !== undefined ? { udpStream: change.udpStream } : {}),
  };
}
