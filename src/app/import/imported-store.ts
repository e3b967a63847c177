/**
 * The imported node as the page shows it in its own regions (Chain graph, Rules, Packet): the last import's
 * summary, whether the regions show it or the scenario, and what the learner did with it there (a search,
 * a trace, a chain picked). Its own store, so the scenario's state (lab store, packet store) is untouched
 * and "Back to the scenario" finds everything as it was.
 */
import { create } from 'zustand';
import type { ImportProgressView, ImportSummary, ImportTraceRequest, ImportTraceResponse } from '../../worker/import-api';

export interface TraceForm {
  readonly src: string;
  readonly dst: string;
  readonly proto: 'tcp' | 'udp';
  readonly iface: string;
  readonly local: boolean;
  readonly nodeIp: string;
  readonly podCidr: string;
}

export const DEFAULT_FORM: TraceForm = { src: '10.0.0.99', dst: '', proto: 'tcp', iface: 'eth0', local: false, nodeIp: '', podCidr: '' };

export interface ImportedNodeState {
  readonly summary?: ImportSummary;
  /** The Chain graph, Rules and Packet regions show the imported node instead of the scenario's. */
  readonly showing: boolean;
  readonly query: string;
  /** Lines of `summary.linesText` that hold the query. */
  readonly hits: readonly number[];
  readonly form: TraceForm;
  readonly trace?: ImportTraceResponse;
  /** What the rules view follows: the last search, or the last trace. */
  readonly follow: 'search' | 'trace';
  readonly table?: string;
  readonly selectedChain?: string;
  /** The engine restarted: the dump is being read into the new worker (import-node.ts), this far. */
  readonly restoring?: ImportProgressView;
  /** Restores done since the page opened: views that asked the old worker ask again. */
  readonly restores: number;
  /** A new import: shown in the regions at once, searches and traces of the last one forgotten. */
  show(summary: ImportSummary): void;
  setShowing(showing: boolean): void;
  setSearch(query: string, hits: readonly number[]): void;
  setForm(form: TraceForm): void;
  setTrace(trace: ImportTraceResponse): void;
  setTable(table: string): void;
  setSelectedChain(chain: string | undefined): void;
  setRestoring(progress: ImportProgressView | undefined): void;
  restored(): void;
}

export const useImportedNode = create<ImportedNodeState>()((set) => ({
  showing: false,
  query: '',
  hits: [],
  form: DEFAULT_FORM,
  follow: 'search',
  restores: 0,
  show: (summary) => set({ summary, showing: true, query: '', hits: [], trace: undefined, follow: 'search', table: firstTable(summary.tables), selectedChain: undefined }),
  setShowing: (showing) => set((s) => ({ showing: showing && s.summary !== undefined })),
  setSearch: (query, hits) => set({ query, hits, follow: 'search' }),
  setForm: (form) => set({ form }),
  setTrace: (trace) => set({ trace, follow: 'trace' }),
  setTable: (table) => set({ table, selectedChain: undefined }),
  setSelectedChain: (selectedChain) => set({ selectedChain }),
  setRestoring: (restoring) => set({ restoring }),
  restored: () => set((s) => ({ restores: s.restores + 1 })),
}));

/** Where Services are: the nat table, else kube-proxy's nft table, else the first there is. */
export function firstTable(tables: readonly string[]): string | undefined {
  return tables.find((t) => t === 'nat') ?? tables.find((t) => t.endsWith(' kube-proxy')) ?? tables[0];
}

/** What the worker is asked for the form's packet. */
export function traceRequest(f: TraceForm): ImportTraceRequest {
  return {
    src: f.src,
    dst: f.dst,
    protocol: f.proto,
    ...(f.local ? {} : { inInterface: f.iface || 'eth0' }),
    setup: { ...(f.nodeIp ? { nodeIps: f.nodeIp.split(',').map((s) => s.trim()) } : {}), ...(f.podCidr ? { podCidr: f.podCidr } : {}) },
  };
}
