import { useEffect, useRef } from 'react';
import { useLabStore } from '../store';
import { SCENARIO_URI, setupMonaco } from './monaco-setup';

/** The Monaco editor bound to the scenario text in the store. Loaded lazily (see App). */
export default function EditorPanel() {
  const host = useRef<HTMLDivElement>(null);
  const lang = useLabStore((s) => s.lang);

  useEffect(() => {
    const monaco = setupMonaco();
    const el = host.current;
    if (!el) return;
    const initial = useLabStore.getState().scenarioText;
    const model = monaco.editor.getModel(SCENARIO_URI) ?? monaco.editor.createModel(initial, 'yaml', SCENARIO_URI);
    const dark = window.matchMedia?.('(prefers-color-scheme: dark)').matches ?? false;
    const editor = monaco.editor.create(el, {
      model,
      automaticLayout: true,
      minimap: { enabled: false },
      fontSize: 13,
      scrollBeyondLastLine: false,
      tabSize: 2,
      theme: dark ? 'vs-dark' : 'vs',
      ariaLabel: 'Scenario YAML',
    });
    const sub = model.onDidChangeContent(() => useLabStore.getState().setScenarioText(model.getValue()));
    return () => {
      sub.dispose();
      editor.dispose();
      model.dispose();
    };
  }, []);

  return <div ref={host} className="editor-host" data-testid="editor-host" data-lang={lang} />;
}
