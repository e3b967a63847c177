import { create } from 'zustand';
import type { ScenarioOutline } from '../engine/scenario-outline';
import type { EngineInfo } from '../worker/api';
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
