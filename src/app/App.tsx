import { lazy, Suspense } from 'react';
import { Region } from './layout/Region';
import { StatusBar } from './layout/StatusBar';
import { HookDiagram } from './hooks/HookDiagram';
import { ChainGraphPanel } from './graph/ChainGraphPanel';
import { RulesRegion } from './rules/RulesRegion';
import { NodePicker } from './layout/NodePicker';
import { LastValidNotice } from './layout/LastValidNotice';
import { useEngineSync } from './useEngineSync';
import { ThemeSwitch } from './theme/ThemeSwitch';
import { KeyboardHelp } from './help/KeyboardHelp';
import { SpreadRegion } from './spread/SpreadRegion';
import { PacketPanel } from './packet/PacketPanel';
import { ConntrackPanel } from './packet/ConntrackPanel';
import { PacketControls } from './packet/PacketControls';
import { usePacketLab } from './packet/usePacketLab';
import { useLabStore } from './store';
import { useT } from './i18n';
import type { Lang } from './i18n';

// Monaco is ~3.6 MB: keep it off the critical path.
const EditorPanel = lazy(() => import('./editor/EditorPanel'));

export function App() {
  useEngineSync();
  usePacketLab();
  const t = useT();
  const lang = useLabStore((s) => s.lang);
  const setLang = useLabStore((s) => s.setLang);

  return (
    <div className="app">
      <header className="top-bar">
        <h1 className="brand">
          <img src={`${import.meta.env.BASE_URL}favicon.svg`} alt="" width={22} height={22} />
          {t('appTitle')}
          <span className="tagline">{t('tagline')}</span>
        </h1>
        <label className="field">
          <span>{t('scenario')}</span>
          <select aria-label={t('scenario')} defaultValue="default">
            <option value="default">{t('defaultLesson')}</option>
          </select>
        </label>
        <NodePicker />
        <div className="spacer" />
        <button type="button" disabled title={t('notYet')}>
          {t('copyShareLink')}
        </button>
        <label className="field">
          <span>{t('language')}</span>
          <select aria-label="Language" value={lang} onChange={(e) => setLang(e.target.value as Lang)}>
            <option value="en">English</option>
            <option value="ko">한국어</option>
          </select>
        </label>
        <ThemeSwitch />
        <KeyboardHelp />
      </header>
      <main className="workspace">
        <Region label="Scenario editor" title={t('editorRegion')} className="area-editor">
          <LastValidNotice />
          <Suspense fallback={<p className="loading">{t('loadingEditor')}</p>}>
            <EditorPanel />
          </Suspense>
        </Region>
        <Region label="Netfilter hooks" title={t('hooksRegion')} className="area-hooks">
          <HookDiagram />
        </Region>
        <Region label="Chain graph" title={t('graphRegion')} className="area-graph">
          <ChainGraphPanel />
        </Region>
        <Region label="Packet" title={t('packetRegion')} className="area-packet">
          <PacketPanel />
        </Region>
        <Region label="Conntrack" title={t('conntrackRegion')} className="area-conntrack">
          <ConntrackPanel />
        </Region>
        <Region label="Rules" title={t('rulesRegion')} className="area-rules">
          <RulesRegion />
        </Region>
      </main>
      <PacketControls />
      <SpreadRegion />
      <StatusBar />
    </div>
  );
}
