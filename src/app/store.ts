import { create } from 'zustand';
import type { ScenarioOutline } from '../engine/scenario-outline';
import type { EngineInfo, RuleFormat, ScenarioSummary } from '../worker/api';
import type { ChainGraph } from '../engine/netfilter/chain-graph';
import { DEFAULT_SCENARIO } from '../scenarios';
import { storage } from './storage';
import type { Lang } from './i18n';
import { browserLang } from './i18n';

export interface LabState {
  /** The text in the editor: the user's, always kept (also while it is invalid). */
  readonly scenarioText: string;
  /** The worker's outline of the latest text. */
  readonly outline?: ScenarioOutline;
  /** The outline of the latest text without errors: what stays on screen while the YAML is broken. */
  readonly lastGoodOutline?: ScenarioOutline;
  readonly engineInfo?: EngineInfo;
  readonly engineError?: string;
  readonly lang: Lang;
  /** The worker's view of the latest text: diagnostics and the (last valid) cluster's nodes. */
  readonly summary?: ScenarioSummary;
  readonly selectedNode?: string;
  readonly table: 'nat' | 'filter';
  readonly format: RuleFormat;
  readonly rulesText?: string;
  readonly graph?: ChainGraph;
  readonly selectedChain?: string;
  setSummary(summary: ScenarioSummary): void;
  setSelectedNode(node: string): void;
  setTable(table: 'nat' | 'filter'): void;
  setFormat(format: RuleFormat): void;
  setRulesView(rulesText: string, graph: ChainGraph): void;
  setSelectedChain(chain: string | undefined): void;
  setScenarioText(text: string): void;
  setOutline(outline: ScenarioOutline): void;
  setEngineInfo(info: EngineInfo): void;
  setEngineError(message: string): void;
  setLang(lang: Lang): void;
}

function initialLang(): Lang {
  const saved = storage.loadLang();
  if (saved === 'en' || saved === 'ko') return saved;
  return browserLang(typeof navigator === 'undefined' ? [] : navigator.languages);
}

export const useLabStore = create<LabState>()((set) => ({
  scenarioText: storage.loadScenario() ?? DEFAULT_SCENARIO,
  lang: initialLang(),
  table: 'nat',
  format: 'S',
  setSummary: (summary) =>
    set((s) => ({
      summary,
      // Keep the node the user picked while it still exists.
      selectedNode: s.selectedNode && summary.nodes.some((n) => n.name === s.selectedNode) ? s.selectedNode : summary.defaultNode,
    })),
  setSelectedNode: (selectedNode) => set({ selectedNode }),
  setTable: (table) => set({ table, selectedChain: undefined }),
  setFormat: (format) => set({ format }),
  setRulesView: (rulesText, graph) => set({ rulesText, graph }),
  setSelectedChain: (selectedChain) => set({ selectedChain }),
  setScenarioText: (text) => {
    storage.saveScenario(text);
    set({ scenarioText: text });
  },
  setOutline: (outline) =>
    set((s) => ({ outline, lastGoodOutline: outline.errors.length === 0 ? outline : s.lastGoodOutline })),
  setEngineInfo: (engineInfo) => set({ engineInfo }),
  setEngineError: (engineError) => set({ engineError }),
  setLang: (lang) => {
    storage.saveLang(lang);
    document.documentElement.lang = lang;
    set({ lang });
  },
}));
