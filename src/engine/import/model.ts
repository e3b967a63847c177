/**
 * A real node's rules as the lab imports them: the ruleset (every table and chain the dump holds, not only
 * kube-proxy's), where each piece came from in the pasted text, who wrote each chain, and everything the
 * import could not take exactly as the node has it, located by line. The reader of one format (save, -S,
 * -L) feeds a RulesetBuilder; an `nft list ruleset` reader can plug in beside them (see import.ts).
 */
import type { Rule, Ruleset, TableName } from '../netfilter/model';
import type { NftRule, NftRuleset } from '../nftables/model';

/** The text formats a section of a dump can be in (`nft`: `nft list ruleset`). */
export type DumpFormat = 'save' | 'S' | 'L' | 'nft';

/** Who writes a chain on a node, from its name (kube-proxy's, kubelet's, a CNI's…). */
export type ChainOwner = 'built-in' | 'kube-proxy' | 'kubelet' | 'Docker' | 'kindnet' | 'AWS VPC CNI' | 'Calico' | 'Cilium' | 'Flannel' | 'unknown';

export const CHAIN_OWNERS: readonly ChainOwner[] = ['built-in', 'kube-proxy', 'kubelet', 'Docker', 'kindnet', 'AWS VPC CNI', 'Calico', 'Cilium', 'Flannel', 'unknown'];

/**
 * What the import reports. `kind` lets the UI say it in each language; `message` is the English sentence
 * (CLI, tests); `subject` is the word the sentence is about (a chain, a module, a host name).
 */
export interface ImportIssue {
  readonly line: number;
  readonly severity: 'error' | 'warning' | 'info';
  readonly kind:
    | 'malformed' // the line could not be read; skipped
    | 'elided' // a `...` line: the paste was shortened here
    | 'unknown-match' // a match module the lab does not simulate (kept, treated as not matching)
    | 'unknown-target' // a target the lab does not simulate (kept; the trace stops there)
    | 'missing-chain' // a jump to a chain the dump does not hold
    | 'undeclared-chain' // rules appended to a chain the dump never declared
    | 'unresolved-name' // a host name `iptables -L` printed that the lab cannot turn back into an address
    | 'no-interfaces' // `iptables -L` without -v: -i/-o are not printed
    | 'guessed-table' // a section without -t / *table: its table guessed from its chains
    | 'approximate-counters' // -L -v without -x: counters rounded (K, M, G)
    | 'empty';
  readonly subject: string;
  readonly message: string;
}

/** One stretch of the pasted text in one format and table. */
export interface DumpSection {
  readonly format: DumpFormat;
  readonly table?: TableName;
  readonly firstLine: number;
  readonly lastLine: number;
  /** The command line that printed it, when the paste includes the prompt. */
  readonly command?: string;
}

/** Addresses and routes read from `ip -4 addr` / `ip route` pasted with the dump. */
export interface PastedInterfaces {
  /** interface → its IPv4 addresses with prefix, as `ip -4 addr` lists them. */
  readonly addresses: readonly { readonly iface: string; readonly cidr: string }[];
  /** `ip route` lines as given (read by node-setup.ts). */
  readonly routes: readonly { readonly line: number; readonly text: string }[];
}

/**
 * The `nft list ruleset` part of a dump: the node's nftables data plane (kube-proxy's `table ip kube-proxy`,
 * and any other ip table), hooked in beside the iptables tables the same paste holds.
 */
export interface ImportedNft {
  readonly ruleset: NftRuleset;
  /** Source line of every rule read (in the pasted text). */
  readonly ruleLines: ReadonlyMap<NftRule, number>;
  /** `family table/chain` (`ip kube-proxy/services`) → the line of its `chain … {`. */
  readonly chainLines: ReadonlyMap<string, number>;
}

export interface ImportedDump {
  readonly ruleset: Ruleset;
  /** What an `nft list ruleset` section held, when the paste has one. */
  readonly nft?: ImportedNft;
  readonly sections: readonly DumpSection[];
  readonly issues: readonly ImportIssue[];
  /** `table/chain` → owner (nft chains: `ip kube-proxy/chain`). */
  readonly owners: ReadonlyMap<string, ChainOwner>;
  /** Source line of every imported rule (what the UI and the trace point back to). */
  readonly ruleLines: ReadonlyMap<Rule, number>;
  /** `table/chain` → the line that declared (or first used) it. */
  readonly chainLines: ReadonlyMap<string, number>;
  /** Chains jumped to that the dump does not hold (`table/chain`); their jumps stop the trace. */
  readonly missingChains: ReadonlySet<string>;
  readonly interfaces: PastedInterfaces;
  /** A host name from the prompt (`root@ip-10-56-128-40`), when the paste has one. */
  readonly hostname?: string;
  /** Counters came with the dump (`-c`, `[p:b]`, `-L -v`). */
  readonly hasCounters: boolean;
  readonly lineCount: number;
}

export const chainKey = (table: TableName | `${string} ${string}`, chain: string): string => `${table}/${chain}`;
