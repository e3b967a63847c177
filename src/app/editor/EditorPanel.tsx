import { useEffect, useRef } from 'react';
import { useLabStore } from '../store';
import { SCENARIO_URI, fitLanguageTo, setupMonaco } from './monaco-setup';
import { useResolvedTheme } from '../theme/theme-store';
import { wholeLines } from '../rules/line-map';
import { scenarioProblemText } from '../../engine/explain/yaml-errors';

/** The Monaco editor bound to the scenario text in the store. Loaded lazily (see App). */
export default function EditorPanel() {
  const host = useRef<HTMLDivElement>(null);
  const lang = useLabStore((s) => s.lang);
  const theme = useResolvedTheme();

  useEffect(() => {
    const monaco = setupMonaco();
    const el = host.current;
    if (!el) return;
    const initial = useLabStore.getState().scenarioText;
    const model = monaco.editor.getModel(SCENARIO_URI) ?? monaco.editor.createModel(initial, 'yaml', SCENARIO_URI);
    const editor = monaco.editor.create(el, {
      model,
      automaticLayout: true,
      minimap: { enabled: false },
      fontSize: 13,
      scrollBeyondLastLine: false,
      tabSize: 2,
      // The palette on screen (the user's Theme choice, or the system's): theme-store keeps it on <html>.
      theme: document.documentElement.dataset.theme === 'dark' ? 'vs-dark' : 'vs',
      ariaLabel: 'Scenario YAML',
      // The margin that marks the lines behind the rule explained in the rules panel.
      glyphMargin: true,
    });
    fitLanguageTo(model);
    const sub = model.onDidChangeContent(() => {
      fitLanguageTo(model);
      useLabStore.getState().setScenarioText(model.getValue());
    });
    // The engine's own validation (apiserver wording) as markers, beside monaco-yaml's schema markers.
    const showDiagnostics = (): void => {
      const { summary, lang: shownLang } = useLabStore.getState();
      const diagnostics = summary?.diagnostics ?? [];
      monaco.editor.setModelMarkers(
        model,
        'kube-packet-lab',
        diagnostics.map((d) => ({
          severity: d.severity === 'error' ? monaco.MarkerSeverity.Error : monaco.MarkerSeverity.Warning,
          message: scenarioProblemText({ message: d.message, code: d.yamlCode }, shownLang),
          startLineNumber: d.line,
          startColumn: d.col,
          endLineNumber: d.endLine,
          endColumn: d.endLine === d.line && d.endCol <= d.col ? d.col + 1 : d.endCol,
          source: 'kube-packet-lab',
        })),
      );
    };
    showDiagnostics();
    // The YAML behind the rule hovered or focused in the rules panel: whole lines and a margin marker,
    // scrolled to when off screen. Only the view moves: the cursor and the selection stay the user's.
    const sources = editor.createDecorationsCollection();
    const showSources = (): void => {
      const { highlightedSources, summary } = useLabStore.getState();
      // While the text has errors the worker's ranges point into the last valid text, not this one.
      const ranges = summary?.showingLastValid ? [] : highlightedSources;
      const lineCount = model.getLineCount();
      const spans = ranges.map(wholeLines).filter((r) => r.first >= 1 && r.first <= lineCount);
      sources.set(
        spans.map((r) => ({
          range: new monaco.Range(r.first, 1, Math.min(r.last, lineCount), 1),
          options: {
            isWholeLine: true,
            className: 'kpl-source-line',
            glyphMarginClassName: 'kpl-source-glyph',
            overviewRuler: { color: '#1d4ed8', position: monaco.editor.OverviewRulerLane.Left },
          },
        })),
      );
      const first = spans[0];
      const still = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
      if (first) editor.revealLinesInCenterIfOutsideViewport(first.first, Math.min(first.last, lineCount), still ? monaco.editor.ScrollType.Immediate : monaco.editor.ScrollType.Smooth);
    };
    showSources();
    const unsubscribe = useLabStore.subscribe((state, prev) => {
      if (state.summary !== prev.summary || state.lang !== prev.lang) showDiagnostics();
      if (state.highlightedSources !== prev.highlightedSources) showSources();
    });
    return () => {
      unsubscribe();
      sources.clear();
      sub.dispose();
      editor.dispose();
      model.dispose();
    };
  }, []);

  // Monaco's theme is global to all editors; follow the app's palette when it changes.
  useEffect(() => {
    setupMonaco().editor.setTheme(theme === 'dark' ? 'vs-dark' : 'vs');
  }, [theme]);

  return <div ref={host} className="editor-host" data-testid="editor-host" data-lang={lang} />;
}
