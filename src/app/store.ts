import { create } from 'zustand';
import type { ScenarioOutline } from '../engine/scenario-outline';
import type { EngineInfo, RuleFormat, ScenarioSummary, TextRange } from '../worker/api';
import { storage } from './storage';
import { sameSlot, slotStorage, type Slot } from './lessons/slots';
import { browserLang, isLang, type Lang } from './lang';
import { opensWithStartCard, startMemory } from './start/start-choice';
import { followLanguage } from './korean-font';

/** Which panel the left column shows while a lesson is open. */
export type LeftTab = 'lesson' | 'editor';

export interface LabState {
  /** The text in the editor: the user's, always kept (also while it is invalid). */
  readonly scenarioText: string;
  /** Where that text is saved: the user's own scenario, a shared link's, or a lesson's (lessons/slots.ts). */
  readonly slot: Slot;
  /** @default 'lesson' */
  readonly leftTab: LeftTab;
  /** Classroom mode: full screen, large type, high contrast, the current hop in a spotlight. */
  readonly classroom: boolean;
  /** Classroom mode without the editor (the lesson, or the diagrams, take its place). */
  readonly hideEditor: boolean;
  /** The worker's outline of the latest text. */
  readonly outline?: ScenarioOutline;
  /** The outline of the latest text without errors: what stays on screen while the YAML is broken. */
  readonly lastGoodOutline?: ScenarioOutline;
  readonly engineInfo?: EngineInfo;
  readonly engineError?: string;
  readonly lang: Lang;
  /** The "Start here" card is open (a first visit, or asked for again from the help dialog). */
  readonly startCard: boolean;
  /** The worker's view of the latest text: diagnostics and the (last valid) cluster's nodes. */
  readonly summary?: ScenarioSummary;
  readonly selectedNode?: string;
  readonly table: 'nat' | 'filter';
  readonly format: RuleFormat;
  readonly rulesText?: string;
  /**
   * Counts re-reads of the node's rules after the network changed under the same text (a lesson step
   * removed endpoints): the chain graph region asks the worker for its view again when it moves.
   */
  readonly rulesStamp: number;
  readonly selectedChain?: string;
  /** YAML ranges (1-based lines) behind the rule under the pointer or keyboard focus in the rules panel; the editor lights them. */
  readonly highlightedSources: readonly TextRange[];
  setSummary(summary: ScenarioSummary): void;
  setSelectedNode(node: string): void;
  setTable(table: 'nat' | 'filter'): void;
  setFormat(format: RuleFormat): void;
  setRulesView(rulesText: string): void;
  setSelectedChain(chain: string | undefined): void;
  setHighlightedSources(ranges: readonly TextRange[]): void;
  setScenarioText(text: string): void;
  /**
   * Switches the editor to another slot with `text`. The current slot's text is already saved (every
   * edit is); this only changes which key later edits go to. Use lessons/open.ts, which also updates Monaco.
   */
  openSlot(slot: Slot, text: string): void;
  setLeftTab(tab: LeftTab): void;
  setClassroom(on: boolean): void;
  setHideEditor(on: boolean): void;
  setOutline(outline: ScenarioOutline): void;
  setEngineInfo(info: EngineInfo): void;
  setEngineError(message: string): void;
  setLang(lang: Lang): void;
  setStartCard(open: boolean): void;
}

function initialLang(): Lang {
  const saved = storage.loadLang();
  if (isLang(saved)) return saved;
  return browserLang(typeof navigator === 'undefined' ? [] : navigator.languages);
}

const initialSlot = slotStorage.activeSlot();

export const useLabStore = create<LabState>()((set, get) => ({
  scenarioText: slotStorage.textOf(initialSlot),
  slot: initialSlot,
  leftTab: 'lesson',
  classroom: false,
  hideEditor: false,
  lang: initialLang(),
  startCard: typeof window !== 'undefined' && opensWithStartCard(startMemory, window.location.hash),
  table: 'nat',
  format: 'S',
  highlightedSources: [],
  rulesStamp: 0,
  setSummary: (summary) =>
    set((s) => ({
      summary,
      // Keep the node the user picked while it still exists.
      selectedNode: s.selectedNode && summary.nodes.some((n) => n.name === s.selectedNode) ? s.selectedNode : summary.defaultNode,
    })),
  setSelectedNode: (selectedNode) => set({ selectedNode }),
  setTable: (table) => set({ table, selectedChain: undefined }),
  setFormat: (format) => set({ format }),
  setRulesView: (rulesText) => set((s) => ({ rulesText, rulesStamp: s.rulesStamp + 1 })),
  setSelectedChain: (selectedChain) => set({ selectedChain }),
  setHighlightedSources: (highlightedSources) => set({ highlightedSources }),
  setScenarioText: (text) => {
    slotStorage.saveText(get().slot, text);
    set({ scenarioText: text });
  },
  openSlot: (slot, text) => {
    slotStorage.saveActiveSlot(slot);
    slotStorage.saveText(slot, text);
    set((s) => ({ slot, scenarioText: text, leftTab: sameSlot(s.slot, slot) ? s.leftTab : 'lesson' }));
  },
  setLeftTab: (leftTab) => set({ leftTab }),
  setClassroom: (classroom) => set({ classroom }),
  setHideEditor: (hideEditor) => set({ hideEditor }),
  setOutline: (outline) =>
    set((s) => ({ outline, lastGoodOutline: outline.errors.length === 0 ? outline : s.lastGoodOutline })),
  setEngineInfo: (engineInfo) => set({ engineInfo }),
  setEngineError: (engineError) => set({ engineError }),
  setLang: (lang) => {
    storage.saveLang(lang);
    document.documentElement.lang = lang;
    set({ lang });
  },
  setStartCard: (startCard) => set({ startCard }),
}));

// Korean needs its font before its first paint in Korean.
followLanguage(useLabStore);
