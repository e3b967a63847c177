/**
 * What evaluating a chain reads besides the rules: the packet, its conntrack, the node, the clock, and the
 * runtime state the packet path changes. Shared by the evaluator and its expression readers.
 */
import type { Ipv4 } from '../ipv4';
import type { Packet } from '../packet';
import type { NftTable } from './model';
import type { NftRuntime } from './runtime';

export interface NftEvalContext {
  readonly table: NftTable;
  readonly runtime: NftRuntime;
  /** The packet as the hook sees it (its mark is the one before the chain). */
  readonly packet: Packet;
  /** conntrack's state of the packet; 'INVALID' before conntrack has seen it. */
  readonly ctstate: 'NEW' | 'ESTABLISHED' | 'RELATED' | 'INVALID' | 'UNTRACKED';
  /** The entry's status bits (IPS_*) and mark; undefined without an entry (then `ct status`/`ct mark` do not match, as nft_ct_get_eval breaks). */
  readonly ctstatus: number | undefined;
  readonly ctmark: number | undefined;
  readonly localAddresses: ReadonlySet<Ipv4>;
  readonly nowMs: number;
  readonly random32: () => number;
  /** Build steps for every rule (a trace); otherwise only the step that stops the packet. */
  readonly record: boolean;
}

/** What statements change as the chain goes: the packet's mark, the connection's mark. */
export interface Live {
  mark: number;
  ctmark: number | undefined;
}
