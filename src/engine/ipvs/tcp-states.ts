/**
 * IPVS's own TCP state machine for a connection (net/netfilter/ipvs/ip_vs_proto_tcp.c `tcp_states`,
 * `tcp_timeouts`, `tcp_state_name_table`), which decides ActiveConn / InActConn and the `-c` expiry:
 * only ESTABLISHED counts as active. The table is indexed by the segment's first flag of RST, SYN, FIN,
 * ACK (`tcp_state_idx`) and whether it travels client → server (INPUT) or back (OUTPUT).
 */
import type { TcpFlag } from '../packet';

export type IpvsTcpState = 'NONE' | 'ESTABLISHED' | 'SYN_SENT' | 'SYN_RECV' | 'FIN_WAIT' | 'TIME_WAIT' | 'CLOSE' | 'CLOSE_WAIT' | 'LAST_ACK' | 'LISTEN' | 'SYNACK';

const ORDER: readonly IpvsTcpState[] = ['NONE', 'ESTABLISHED', 'SYN_SENT', 'SYN_RECV', 'FIN_WAIT', 'TIME_WAIT', 'CLOSE', 'CLOSE_WAIT', 'LAST_ACK', 'LISTEN', 'SYNACK'];
// The kernel's column names (sNO and sSA never appear as a next state here).
const [, sES, sSS, sSR, sFW, sTW, sCL, sCW, sLA, sLI] = ORDER as [IpvsTcpState, IpvsTcpState, IpvsTcpState, IpvsTcpState, IpvsTcpState, IpvsTcpState, IpvsTcpState, IpvsTcpState, IpvsTcpState, IpvsTcpState, IpvsTcpState];

type Row = readonly IpvsTcpState[];
/** Columns: the current state in ORDER; rows: syn, fin, ack, rst. */
const INPUT: Readonly<Record<'syn' | 'fin' | 'ack' | 'rst', Row>> = {
  syn: [sSR, sES, sES, sSR, sSR, sSR, sSR, sSR, sSR, sSR, sSR],
  fin: [sCL, sCW, sSS, sTW, sTW, sTW, sCL, sCW, sLA, sLI, sTW],
  ack: [sES, sES, sSS, sES, sFW, sTW, sCL, sCW, sCL, sLI, sES],
  rst: [sCL, sCL, sCL, sSR, sCL, sCL, sCL, sCL, sLA, sLI, sSR],
};
const OUTPUT: Readonly<Record<'syn' | 'fin' | 'ack' | 'rst', Row>> = {
  syn: [sSS, sES, sSS, sSR, sSS, sSS, sSS, sSS, sSS, sLI, sSR],
  fin: [sTW, sFW, sSS, sTW, sFW, sTW, sCL, sTW, sLA, sLI, sTW],
  ack: [sES, sES, sSS, sES, sFW, sTW, sCL, sCW, sLA, sES, sES],
  rst: [sCL, sCL, sSS, sCL, sCL, sTW, sCL, sCL, sCL, sCL, sCL],
};

/** tcp_timeouts, in seconds. */
export const TCP_TIMEOUTS: Readonly<Record<IpvsTcpState, number>> = {
  NONE: 2, ESTABLISHED: 15 * 60, SYN_SENT: 2 * 60, SYN_RECV: 60, FIN_WAIT: 2 * 60, TIME_WAIT: 2 * 60, CLOSE: 10, CLOSE_WAIT: 60, LAST_ACK: 30, LISTEN: 2 * 60, SYNACK: 2 * 60,
};
/** udp_timeouts[IP_VS_UDP_S_NORMAL]. */
export const UDP_TIMEOUT = 5 * 60;

/** set_tcp_state: the state after a segment with `flags` going `toServer` (INPUT) or back (OUTPUT). */
export function nextTcpState(current: IpvsTcpState, flags: readonly TcpFlag[], toServer: boolean): IpvsTcpState {
  const idx = flags.includes('RST') ? 'rst' : flags.includes('SYN') ? 'syn' : flags.includes('FIN') ? 'fin' : flags.includes('ACK') ? 'ack' : undefined;
  if (idx === undefined) return current;
  return (toServer ? INPUT : OUTPUT)[idx][ORDER.indexOf(current)]!;
}
