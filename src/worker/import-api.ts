/** What the engine worker offers the page for a real node's pasted rules (the `Import node rules` dialog). */
import type { ChainOwner, ImportIssue, DumpSection } from '../engine/import/model';
import type { DumpDiff } from '../engine/import/diff';
import type { NodeSetupInput } from '../engine/import/node-setup';
import type { GraphFocus, GraphView } from '../engine/import/graph-view';

export type { ChainOwner, ImportIssue, DumpSection, DumpDiff, NodeSetupInput, GraphView };

export interface ImportedChainView {
  readonly table: string;
  readonly chain: string;
  readonly owner: ChainOwner;
  readonly rules: number;
  /** Rules that jump or go to it. */
  readonly references: number;
  /** Jumped to, but the dump does not hold it. */
  readonly missing: boolean;
}

export interface ImportSummary {
  readonly lineCount: number;
  readonly ruleCount: number;
  readonly sections: readonly DumpSection[];
  /** The tables the dump holds: iptables (`nat`, `filter`…) then nft (`ip kube-proxy`). */
  readonly tables: readonly string[];
  readonly issues: readonly ImportIssue[];
  /** The first chains of each owner (CHAINS_PER_OWNER), in table order; `ownerCounts` says how many there are. */
  readonly chains: readonly ImportedChainView[];
  readonly ownerCounts: Readonly<Partial<Record<ChainOwner, number>>>;
  readonly chainCount: number;
  /**
   * The ruleset as `iptables -S` would print it, table by table (`# table` headers), one string with a line
   * per rule: one string crosses to the page in a copy, where 100,000 strings took the page's thread for long.
   */
  readonly linesText: string;
  readonly hostname?: string;
  /** What the node form starts from (the node's address as the dump or the prompt tells it, else a default). */
  readonly setupNotes: readonly string[];
  readonly elapsedMs: number;
}

export interface ImportProgressView {
  readonly done: number;
  readonly total: number;
}

export interface ImportTraceRequest {
  readonly src: string;
  readonly dst: string;
  readonly protocol: 'tcp' | 'udp';
  /** An interface name, or undefined for "from a local process". */
  readonly inInterface?: string;
  readonly setup: NodeSetupInput;
}

export interface ImportTraceHop {
  readonly hook: string;
  readonly table: string;
  readonly chain: string;
  readonly rule: string;
  readonly matched: boolean;
  readonly target?: string;
  /** Index in `ImportSummary.linesText`'s lines of the rule (for highlighting), when it is a rule. */
  readonly viewLine?: number;
  /** Its line in the pasted text. */
  readonly dumpLine?: number;
  readonly change: string;
  /** An nft map lookup (`service-ips: 10.96.0.10 . udp . 53 → goto service-…`), not a rule's verdict. */
  readonly lookup?: true;
}

export type ImportTraceResponse =
  | {
      readonly ok: true;
      readonly outcome: string;
      readonly endpoint?: { readonly ip: string; readonly port: number; readonly local?: boolean; readonly namedBy?: string };
      readonly packets: readonly { readonly label: string; readonly direction: string; readonly hops: readonly ImportTraceHop[]; readonly fate: string }[];
      readonly conntrack: readonly string[];
      readonly text: string;
    }
  | { readonly ok: false; readonly error: string };

export type ImportDiffResponse = { readonly ok: true; readonly diff: DumpDiff; readonly nodes: readonly string[] } | { readonly ok: false; readonly error: string };

export interface ImportApi {
  /** Reads a pasted dump in slices (progress between them); the result stays in the worker for the calls below. */
  importDump(text: string, onProgress?: (p: ImportProgressView) => void): Promise<ImportSummary>;
  /** Indexes in `ImportSummary.lines` of the lines that hold `query` (a Service IP, a port, a chain name). */
  importSearch(query: string): readonly number[];
  importTrace(request: ImportTraceRequest): ImportTraceResponse;
  /** kube-proxy's rules for `node` of the scenario `text` against the imported dump. */
  importDiff(text: string, node?: string): ImportDiffResponse;
  /** The imported node's chain graph of one table (the same graph the Chain graph region draws). */
  importChainGraph(table: string, focus?: GraphFocus): GraphView;
}
