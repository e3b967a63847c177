import { useRef, useState } from 'react';
import type { DragEvent } from 'react';
import type { ImportProgressView, ImportSummary } from '../../worker/import-api';
import { useLabStore } from '../store';
import { IMPORT_EXAMPLES, type ImportExample } from './examples';
import { importMessages } from './messages';
import { ImportResults } from './ImportResults';
import { ReadYourNodeGuide } from './ReadYourNodeGuide';
import { useImportedNode } from './imported-store';
import { searchImported, traceImported } from './imported-actions';
import { importNode } from './import-node';
import './import.css';

/**
 * `Import node rules`: paste, drop or open a node's iptables or nft dump; it is read in the engine's worker
 * with progress, reported here (and compared with the scenario), and shown in the page's own regions.
 */
export function ImportDialog({ onClose }: { readonly onClose: () => void }) {
  const lang = useLabStore((s) => s.lang);
  const m = importMessages[lang];
  const [text, setText] = useState('');
  const [progress, setProgress] = useState<ImportProgressView | undefined>();
  // Opened again, the dialog still has the last import's report (and its diff button): the worker keeps the dump.
  const [summary, setSummary] = useState<ImportSummary | undefined>(() => useImportedNode.getState().summary);
  const [busy, setBusy] = useState(false);
  const file = useRef<HTMLInputElement>(null);

  const run = async (input: string): Promise<void> => {
    setBusy(true);
    setSummary(undefined);
    setProgress({ done: 0, total: 1 });
    try {
      const s = await importNode(input, (p: ImportProgressView) => setProgress(p));
      setSummary(s);
      // The Chain graph, Rules and Packet regions switch to the imported node (behind the dialog until it closes).
      useImportedNode.getState().show(s);
    } finally {
      setBusy(false);
    }
  };
  const readFile = async (f: File | undefined): Promise<void> => {
    if (!f) return;
    const content = await f.text();
    // A large file is not put into the text box (a 100,000-line textarea is slow to paint): it is imported directly.
    setText(content.length > 200_000 ? '' : content);
    await run(content);
  };
  const onDrop = (e: DragEvent): void => {
    e.preventDefault();
    void readFile(e.dataTransfer.files[0]);
  };

  return (
    <div className="import-backdrop">
      <div className="import-dialog" role="dialog" aria-modal="true" aria-label={m.title}>
        <header className="import-head">
          <h2>{m.title}</h2>
          <button type="button" onClick={onClose}>
            {m.close}
          </button>
        </header>
        <p className="import-privacy" role="note">
          🔒 {m.privacy}
        </p>
        <div className="import-source">
          <textarea
            aria-label={m.pasteLabel}
            placeholder={m.pastePlaceholder}
            value={text}
            spellCheck={false}
            onChange={(e) => setText(e.target.value)}
            onDragOver={(e) => e.preventDefault()}
            onDrop={onDrop}
          />
          <div className="import-actions">
            <button type="button" disabled={busy || text.trim() === ''} onClick={() => void run(text)}>
              {m.importNow}
            </button>
            <button type="button" onClick={() => file.current?.click()}>
              {m.openFile}
            </button>
            <input ref={file} type="file" aria-label={m.openFile} hidden accept=".txt,.rules,.log,text/plain" onChange={(e) => void readFile(e.target.files?.[0])} />
            <span className="import-hint">{m.dropHint}</span>
            <label className="field">
              <span>{m.example}</span>
              <select
                aria-label={m.example}
                value=""
                onChange={(e) => {
                  const ex = e.target.value as ImportExample;
                  if (!ex) return;
                  setText(IMPORT_EXAMPLES[ex]);
                  void run(IMPORT_EXAMPLES[ex]);
                }}
              >
                <option value="">{m.exampleNone}</option>
                <option value="kind">{m.exampleKind}</option>
                <option value="eks">{m.exampleEks}</option>
                <option value="nft">{m.exampleNft}</option>
              </select>
            </label>
          </div>
          {progress && (busy || !summary) && (
            <p className="import-progress">
              <progress aria-label={m.progress} value={progress.done} max={Math.max(1, progress.total)} /> {progress.done.toLocaleString(lang)} / {progress.total.toLocaleString(lang)}
            </p>
          )}
        </div>
        <ReadYourNodeGuide
          onAction={(a) => {
            if (a.kind === 'example') {
              setText(IMPORT_EXAMPLES[a.example]);
              void run(IMPORT_EXAMPLES[a.example]);
              return;
            }
            // A search or a trace is shown where it happens: in the page's regions, the dialog out of the way.
            useImportedNode.getState().setShowing(true);
            onClose();
            if (a.kind === 'search') void searchImported(a.query);
            else void traceImported({ ...useImportedNode.getState().form, src: a.src, dst: a.dst, iface: a.inInterface, local: false });
          }}
        />
        {summary && <ImportResults summary={summary} onShow={onClose} />}
      </div>
    </div>
  );
}
