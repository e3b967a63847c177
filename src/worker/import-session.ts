/**
 * The worker's side of importing a real node's rules: the dump is read in slices with a pause between
 * them (progress reaches the page, a cancel or another call can get in), kept here, and every later
 * question (search, trace, diff) is answered from it. Testable in Node, like engine-session.ts.
 */
import { iptablesTableOf, type MapLookupHop, type RuleHop } from '../engine/node/hops';
import { startImport } from '../engine/import/import';
import type { ImportedDump } from '../engine/import/model';
import { chainKey } from '../engine/import/model';
import { chainOwner } from '../engine/import/owners';
import { nodeSetup, SetupError } from '../engine/import/node-setup';
import { traceDump, TraceRequestError } from '../engine/import/trace';
import { fateText } from '../engine/import/report';
import { diffDump } from '../engine/import/diff';
import { loadScenario } from '../engine/cluster/load';
import { defaultNode } from '../engine/kubeproxy';
import { orderedChains } from '../engine/netfilter/print';
import { chainGraph, type ChainGraph } from '../engine/netfilter/chain-graph';
import { ruleText } from '../engine/netfilter/print-rule';
import type { Rule, TableName } from '../engine/netfilter/model';
import { headerChange } from '../engine/sim/report';
import { printTable } from '../engine/nftables/print-list';
import { tableRef, type NftRule } from '../engine/nftables/model';
import { nftChainGraph } from '../engine/import/nft-graph';
import { hopLine } from '../engine/import/report';
import { graphView, type GraphFocus, type GraphView } from '../engine/import/graph-view';
import { dumpTraceText } from '../engine/import/report';
import type { ChainOwner } from '../engine/import/model';
import type { ImportDiffResponse, ImportedChainView, ImportProgressView, ImportSummary, ImportTraceHop, ImportTraceRequest, ImportTraceResponse } from './import-api';

export type Yield = () => Promise<void>;
const macrotask: Yield = () => new Promise((resolve) => setTimeout(resolve, 0));

/** Lines read per slice: ~20 ms of work, so the worker answers pings and progress flows. */
const SLICE_LINES = 4000;

/** Chains listed per owner in the legend; a node with 30,000 KUBE-SEP chains is summed, not listed. */
export const CHAINS_PER_OWNER = 60;

/**
 * A rule's verdict or an nft map lookup as the import view lists it, with its line in the view (`viewLine`)
 * and in the pasted text (`dumpLine`). A lookup changes no header: its verdict is the element it found.
 */
function traceHop(h: RuleHop | MapLookupHop, viewLine: number | undefined, dumpLine: number | undefined): ImportTraceHop {
  const lookup = h.kind === 'map-lookup';
  const target = lookup ? h.verdict : h.target;
  return {
    hook: h.hook,
    table: h.table,
    chain: h.chain,
    rule: lookup ? h.text : h.rule,
    matched: lookup ? h.verdict !== undefined : h.matched,
    ...(target !== undefined ? { target } : {}),
    ...(viewLine !== undefined ? { viewLine } : {}),
    ...(dumpLine !== undefined ? { dumpLine } : {}),
    change: lookup ? '' : headerChange(h.before, h.after),
    ...(lookup ? { lookup: true as const } : {}),
  };
}

export class ImportSession {
  private dump: ImportedDump | undefined;
  private lines: string[] = [];
  /** view line → its rule, and the reverse, for trace highlighting */
  private ruleViewLine = new Map<Rule | NftRule, number>();
  /** Each table's whole chain graph, built once (30,000 chains take a few hundred ms). */
  private graphs = new Map<string, ChainGraph>();

  async importDump(text: string, onProgress?: (p: ImportProgressView) => void, pause: Yield = macrotask, now: () => number = () => performance.now()): Promise<ImportSummary> {
    const started = now();
    const run = startImport(text);
    // Progress at most every 100 ms: each report is a render on the page's thread.
    let reported = -Infinity;
    while (!run.step(SLICE_LINES)) {
      if (now() - reported >= 100) {
        reported = now();
        onProgress?.(run.progress());
      }
      await pause();
    }
    onProgress?.(run.progress());
    const dump = run.result();
    this.dump = dump;
    this.graphs = new Map();
    const lines: string[] = [];
    const chains: ImportedChainView[] = [];
    const ownerCounts: Partial<Record<ChainOwner, number>> = {};
    let chainCount = 0;
    const addChain = (c: ImportedChainView): void => {
      chainCount++;
      const n = (ownerCounts[c.owner] ?? 0) + 1;
      ownerCounts[c.owner] = n;
      if (n <= CHAINS_PER_OWNER) chains.push(c);
    };
    this.ruleViewLine = new Map();
    let ruleCount = 0;
    for (const [table, t] of dump.ruleset.tables) {
      const refs = new Map<string, number>();
      for (const c of t.chains.values())
        for (const r of c.rules) {
          const to = r.target.kind === 'jump' || r.target.kind === 'goto' ? r.target.chain : r.target.kind === 'unknown' ? r.target.name : undefined;
          if (to !== undefined) refs.set(to, (refs.get(to) ?? 0) + 1);
        }
      lines.push(`# ${table}`);
      const ordered = orderedChains(t);
      for (const c of ordered) lines.push(c.policy ? `-P ${c.name} ${c.policy}` : `-N ${c.name}`);
      for (const c of ordered) {
        addChain({ table, chain: c.name, owner: dump.owners.get(chainKey(table, c.name)) ?? 'unknown', rules: c.rules.length, references: refs.get(c.name) ?? 0, missing: false });
        for (const r of c.rules) {
          this.ruleViewLine.set(r, lines.length);
          lines.push(ruleText(c.name, r));
          ruleCount++;
        }
      }
      for (const key of dump.missingChains) {
        const [mt, mc] = key.split('/') as [TableName, string];
        if (mt === table) addChain({ table, chain: mc, owner: chainOwner(mc), rules: 0, references: refs.get(mc) ?? 0, missing: true });
      }
    }
    // The nft tables as `nft list ruleset` prints them, each rule's line remembered for the trace.
    for (const table of dump.nft?.ruleset.tables ?? []) {
      const ref = tableRef(table);
      lines.push(`# nft ${ref}`);
      const printed = printTable(table).trimEnd().split('\n');
      const base = lines.length;
      lines.push(...printed);
      const refs = new Map<string, number>();
      for (const c of table.chains) for (const r of c.rules) for (const st of r.statements) if (st.kind === 'verdict' && (st.verdict.kind === 'jump' || st.verdict.kind === 'goto')) refs.set(st.verdict.chain, (refs.get(st.verdict.chain) ?? 0) + 1);
      for (const m of table.sets) for (const e of m.elements) if (e.verdict && (e.verdict.kind === 'jump' || e.verdict.kind === 'goto')) refs.set(e.verdict.chain, (refs.get(e.verdict.chain) ?? 0) + 1);
      // printTable writes a chain's header, its comment and base-chain lines, then one rule a line.
      let at = 0;
      for (const c of table.chains) {
        while (at < printed.length && printed[at] !== `\tchain ${c.name} {`) at++;
        at += 1 + (c.comment !== undefined ? 1 : 0) + (c.base ? 1 : 0);
        for (const r of c.rules) this.ruleViewLine.set(r, base + at++);
        ruleCount += c.rules.length;
        addChain({ table: ref, chain: c.name, owner: dump.owners.get(chainKey(ref, c.name)) ?? 'unknown', rules: c.rules.length, references: refs.get(c.name) ?? 0, missing: false });
      }
    }
    this.lines = lines;
    let setupNotes: readonly string[];
    try {
      setupNotes = nodeSetup(dump).notes;
    } catch {
      setupNotes = [];
    }
    return {
      lineCount: dump.lineCount,
      ruleCount,
      sections: dump.sections,
      tables: [...dump.ruleset.tables.keys(), ...(dump.nft?.ruleset.tables ?? []).map(tableRef)],
      issues: dump.issues.slice(0, 2000),
      chains,
      ownerCounts,
      chainCount,
      linesText: lines.join('\n'),
      ...(dump.hostname ? { hostname: dump.hostname } : {}),
      setupNotes,
      elapsedMs: Math.round(now() - started),
    };
  }

  importSearch(query: string): readonly number[] {
    const q = query.trim().toLowerCase();
    if (!q) return [];
    const out: number[] = [];
    this.lines.forEach((l, i) => {
      if (l.toLowerCase().includes(q)) out.push(i);
    });
    return out;
  }

  importTrace(request: ImportTraceRequest): ImportTraceResponse {
    const dump = this.dump;
    if (!dump) return { ok: false, error: 'no dump imported' };
    try {
      const setup = nodeSetup(dump, request.setup);
      const t = traceDump(dump, setup, {
        src: request.src,
        dst: request.dst,
        protocol: request.protocol,
        arrival: request.inInterface === undefined ? { from: 'local' } : { from: 'network', interface: request.inInterface },
      });
      const packets = t.packets.map((p) => ({
        label: p.label,
        direction: p.direction,
        fate: fateText(p.fate),
        hops: p.hops.flatMap((h): ImportTraceHop[] => {
          if (h.kind !== 'rule' && h.kind !== 'map-lookup') return [];
          const rule = this.hopRule(dump, h);
          return [traceHop(h, rule ? this.ruleViewLine.get(rule) : undefined, hopLine(dump, h))];
        }),
      }));
      return { ok: true, outcome: t.outcome, ...(t.endpoint ? { endpoint: t.endpoint } : {}), packets, conntrack: t.conntrack, text: dumpTraceText(t, dump) };
    } catch (e) {
      if (e instanceof TraceRequestError || e instanceof SetupError) return { ok: false, error: e.message };
      throw e;
    }
  }

  importChainGraph(table: string, focus: GraphFocus = {}): GraphView {
    let graph = this.graphs.get(table);
    if (!graph) {
      const nft = this.dump?.nft?.ruleset.tables.find((t) => tableRef(t) === table);
      graph = nft ? nftChainGraph(nft) : chainGraph(this.dump?.ruleset ?? { tables: new Map() }, table as TableName);
      this.graphs.set(table, graph);
    }
    return graphView(graph, focus);
  }

  /** The dump's rule a hop evaluated (none for a chain's policy). */
  private hopRule(dump: ImportedDump, h: RuleHop | MapLookupHop): Rule | NftRule | undefined {
    if (h.kind === 'map-lookup') return this.nftRule(h.table, h.chain, h.ruleIndex);
    const table = iptablesTableOf(h.table);
    return h.ruleIndex < 0 ? undefined : table ? dump.ruleset.tables.get(table)?.chains.get(h.chain)?.rules[h.ruleIndex] : this.nftRule(h.table, h.chain, h.ruleIndex);
  }

  private nftRule(table: string, chain: string, index: number): NftRule | undefined {
    return this.dump?.nft?.ruleset.tables.find((t) => tableRef(t) === table)?.chains.find((c) => c.name === chain)?.rules[index];
  }

  importDiff(text: string, node?: string): ImportDiffResponse {
    const dump = this.dump;
    if (!dump) return { ok: false, error: 'no dump imported' };
    const { cluster } = loadScenario(text);
    if (!cluster) return { ok: false, error: 'the scenario has errors' };
    const nodes = cluster.nodes.map((n) => n.name);
    const name = node && nodes.includes(node) ? node : defaultNode(cluster);
    if (!name) return { ok: false, error: 'the scenario has no node' };
    return { ok: true, diff: diffDump(dump, cluster, name), nodes };
  }
}
