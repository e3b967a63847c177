import { lazy, Suspense, useLayoutEffect, useState } from 'react';
import { Region } from './layout/Region';
import { StatusBar } from './layout/StatusBar';
import { useAfterFirstScreen } from './after-first-screen';
import { applySaved } from './layout/saved-tracks';
import { RulesRegion } from './rules/RulesRegion';
import { RulesRegionFrame } from './rules/RulesRegionFrame';
import { HooksHead } from './hook-diagram/HooksHead';
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
import { LessonPicker } from './lessons/LessonPicker';
import { LeftTabs } from './lessons/LeftTabs';
import { slotLesson } from './lessons/slots';
import { ShareButton } from './share/ShareButton';
import { ImportButton } from './import/ImportButton';
import { ScaleLabEntry } from './lazy-buttons';
import { ImportedBanner, OrImported } from './import/ImportedRegion';
import { ShareNotices } from './share/ShareNotices';
import { SafetyNotices } from './safety/SafetyNotices';
import { useShareLink } from './share/useShareLink';
import { ClassroomButton } from './classroom/ClassroomButton';
import { StartGate } from './start/StartGate';
import { useClassroom } from './classroom/useClassroom';
import { AfterFirstUsable } from './first-usable';
import './classroom/classroom.css';

// Monaco is ~3.6 MB: keep it off the critical path.
const EditorPanel = lazy(() => import('./editor/EditorPanel'));
// The hook diagram (plain DOM and framer-motion's animate) loads beside the shell: the header, editor frame
// and panels paint first, the diagram a moment later (the engine worker is starting meanwhile).
// The chain graph (React Flow, d3) waits until the first screen is usable (first-usable.tsx).
const HookDiagram = lazy(() => import('./hook-diagram/HookDiagram').then((m) => ({ default: m.HookDiagram })));
const ChainGraphPanel = lazy(() => import('./graph/ChainGraphPanel').then((m) => ({ default: m.ChainGraphPanel })));
// The splitters come once the first screen works (they are invisible until pointed at anyway).
const GridSplitters = lazy(() => import('./layout/GridSplitters').then((m) => ({ default: m.GridSplitters })));
const LessonPanel = lazy(() => import('./lessons/LessonPanel').then((m) => ({ default: m.LessonPanel })));

/**
 * The worker sync lives in a component of its own: it reads the editor text, and a hook in App would
 * render the whole page again on every keystroke (and every new revision).
 */
function EngineSync(): null {
  useEngineSync();
  return null;
}

export function App() {
  usePacketLab();
  useShareLink();
  useClassroom();
  const t = useT();
  const lang = useLabStore((s) => s.lang);
  const setLang = useLabStore((s) => s.setLang);
  const lesson = useLabStore((s) => slotLesson(s.slot));
  const leftTab = useLabStore((s) => s.leftTab);
  const classroom = useLabStore((s) => s.classroom);
  const editorHidden = useLabStore((s) => s.classroom && s.hideEditor);
  // With a lesson open the left column shows it or the editor (tabs); classroom mode can hide the editor.
  const showLesson = lesson !== undefined && (editorHidden || leftTab === 'lesson');
  const showEditor = !editorHidden && (lesson === undefined || leftTab === 'editor');
  const [workspace, setWorkspace] = useState<HTMLElement | null>(null);
  const workspaceClass = `workspace${showLesson || showEditor ? '' : ' no-left'}`;
  const afterFirstScreen = useAfterFirstScreen();
  // The user's panel sizes for this layout, before the first paint (the splitters come later).
  useLayoutEffect(() => {
    if (workspace) applySaved(workspace, classroom);
  }, [workspace, classroom, workspaceClass]);

  return (
    <div className={`app${classroom ? ' is-classroom' : ''}`}>
      <EngineSync />
      <header className="top-bar">
        <h1 className="brand">
          <img src={`${import.meta.env.BASE_URL}favicon.svg`} alt="" width={22} height={22} />
          <span className="brand-name">{t('appTitle')}</span>
          <span className="tagline">{t('tagline')}</span>
        </h1>
        <LessonPicker />
        <NodePicker />
        <div className="spacer" />
        <ImportButton />
        <ScaleLabEntry />
        <ShareButton />
        <ClassroomButton />
        <label className="field language-field">
          <span>{t('language')}</span>
          <select aria-label="Language" value={lang} onChange={(e) => setLang(e.target.value as Lang)}>
            <option value="en">English</option>
            <option value="ko">한국어</option>
          </select>
        </label>
        <ThemeSwitch />
        <KeyboardHelp />
      </header>
      <ShareNotices />
      <SafetyNotices />
      <ImportedBanner />
      <main className={workspaceClass} ref={setWorkspace}>
        <div className="area-editor left-column" hidden={!showLesson && !showEditor}>
          {lesson && !editorHidden && <LeftTabs />}
          {lesson && (
            <Suspense fallback={null}>
              <LessonPanel id={lesson} hidden={!showLesson} />
            </Suspense>
          )}
          {/* Always mounted (hidden, not removed): Monaco keeps its model, cursor and undo history. */}
          <div className="editor-pane" id="editor-pane" hidden={!showEditor}>
            <Region label="Scenario editor" title={t('editorRegion')} className="editor-region">
              <LastValidNotice />
              <Suspense fallback={<p className="loading">{t('loadingEditor')}</p>}>
                <EditorPanel />
              </Suspense>
            </Region>
          </div>
        </div>
        <Region label="Netfilter hooks" title={t('hooksRegion')} className="area-hooks" head={<HooksHead />}>
          <Suspense fallback={<p className="loading">{t('loadingDiagram')}</p>}>
            <HookDiagram />
          </Suspense>
        </Region>
        <Region label="Chain graph" title={t('graphRegion')} className="area-graph">
          <OrImported view="graph">
            {/* React Flow and its d3 parts (~60 KB gz) start loading once the rules and Send work; the grid
                area keeps the region's size meanwhile, so nothing moves when the graph paints. */}
            <AfterFirstUsable placeholder={<p className="loading">{t('loadingDiagram')}</p>}>
              <Suspense fallback={<p className="loading">{t('loadingDiagram')}</p>}>
                <ChainGraphPanel />
              </Suspense>
            </AfterFirstUsable>
          </OrImported>
        </Region>
        <Region label="Packet" title={t('packetRegion')} className="area-packet">
          {/* A focusable scroller: keyboard users can scroll the packet's details (larger in classroom mode). */}
          <div className="packet-scroll" tabIndex={0}>
            <OrImported view="packet">
              <PacketPanel />
            </OrImported>
          </div>
        </Region>
        <Region label="Conntrack" title={t('conntrackRegion')} className="area-conntrack">
          <ConntrackPanel />
        </Region>
        <RulesRegionFrame title={t('rulesRegion')}>
          <OrImported view="rules">
            <RulesRegion />
          </OrImported>
        </RulesRegionFrame>
        {afterFirstScreen && (
          <Suspense fallback={null}>
            <GridSplitters grid={workspace} classroom={classroom} layout={workspaceClass} />
          </Suspense>
        )}
      </main>
      <PacketControls />
      <SpreadRegion />
      <StatusBar />
      <StartGate />
    </div>
  );
}
