/**
 * The IPVS table of one node (net/netfilter/ipvs): virtual servers (`ip_vs_service`) keyed by protocol,
 * address and port, each with its scheduler, persistence and real servers (`ip_vs_dest`).
 */

export type IpvsProtocol = 'TCP' | 'UDP' | 'SCTP';

/** The schedulers kube-proxy lets `ipvs.scheduler` name (ip_vs_rr.c, ip_vs_lc.c, …). */
export type IpvsScheduler = 'rr' | 'wrr' | 'lc' | 'wlc' | 'lblc' | 'lblcr' | 'dh' | 'sh' | 'sed' | 'nq' | 'mh';

/** Packet and byte counters of a service or a destination (`struct ip_vs_kstats`). */
export interface IpvsStats {
  readonly conns: number;
  readonly inPkts: number;
  readonly outPkts: number;
  readonly inBytes: number;
  readonly outBytes: number;
}

export const ZERO_STATS: IpvsStats = { conns: 0, inPkts: 0, outPkts: 0, inBytes: 0, outBytes: 0 };

/** A destination: kube-proxy adds every endpoint with masquerading (NAT) and weight 1. */
export interface RealServer {
  readonly address: string;
  readonly port: number;
  /** kube-proxy only uses `Masq` (IP_VS_CONN_F_MASQ). */
  readonly forward: 'Masq' | 'Local' | 'Tunnel' | 'Route';
  /** @default 1 (0 while a deleted endpoint drains: graceful termination) */
  readonly weight: number;
  /** Connections in ESTABLISHED (TCP) — what `lc`, `sed` and `nq` count. */
  readonly activeConns: number;
  /** Every other connection entry still in the table (TIME_WAIT, UDP, …). */
  readonly inactiveConns: number;
  /** Persistence templates pointing at this destination. */
  readonly persistConns: number;
  readonly stats: IpvsStats;
}

export interface VirtualServer {
  readonly protocol: IpvsProtocol;
  readonly address: string;
  readonly port: number;
  readonly scheduler: IpvsScheduler;
  /** Session affinity: `-p TIMEOUT` (IP_VS_SVC_F_PERSISTENT), in seconds; undefined when not persistent. */
  readonly persistentTimeout?: number;
  /** IP_VS_SVC_F_SCHED1 (`mh`'s source hashing flag, kube-proxy sets it for `mh`). */
  readonly sourceHash?: boolean;
  readonly realServers: readonly RealServer[];
  readonly stats: IpvsStats;
}

/** One entry of `/proc/net/ip_vs_conn` (`ipvsadm -Lnc`): a connection, or a persistence template (protocol IP). */
export interface IpvsConnection {
  readonly protocol: IpvsProtocol | 'IP';
  readonly clientAddress: string;
  readonly clientPort: number;
  readonly virtualAddress: string;
  readonly virtualPort: number;
  readonly destAddress: string;
  readonly destPort: number;
  /** IPVS's own state names: ESTABLISHED, SYN_RECV, FIN_WAIT, TIME_WAIT, CLOSE, UDP, NONE (a template), … */
  readonly state: string;
  /** Seconds until it expires. */
  readonly expires: number;
}

/** The node's IPVS state: `ipvsadm` reads this. */
export interface IpvsTable {
  readonly virtualServers: readonly VirtualServer[];
  readonly connections: readonly IpvsConnection[];
}
