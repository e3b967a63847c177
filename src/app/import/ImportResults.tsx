import { useState } from 'react';
import { engine } from '../../worker/client';
import type { ImportDiffResponse, ImportSummary } from '../../worker/import-api';
import { useLabStore } from '../store';
import { importMessages } from './messages';
import { ImportDiffView } from './ImportDiffView';

/**
 * What the import reported (lines read, what it could not take exactly, by line) and the diff against the
 * scenario. The node itself — its chain graph, rules and search, a packet through it — is in the page's own
 * regions (ImportedViews.tsx), which the import switches to.
 */
export function ImportResults({ summary, onShow }: { readonly summary: ImportSummary; readonly onShow: () => void }) {
  const lang = useLabStore((s) => s.lang);
  const scenarioText = useLabStore((s) => s.scenarioText);
  const m = importMessages[lang];
  const [diff, setDiff] = useState<ImportDiffResponse | undefined>();
  return (
    <div className="import-results">
      <p className="import-summary" role="status">
        {m.summary(summary.lineCount, summary.ruleCount, summary.chainCount, summary.elapsedMs)}{' '}
        <button type="button" className="import-show" onClick={onShow}>
          {m.showInLab} →
        </button>
      </p>
      {summary.issues.length > 0 && (
        <details className="import-issues" open>
          <summary>{m.issuesTitle(summary.issues.length)}</summary>
          <ul aria-label={m.issuesTitle(summary.issues.length)}>
            {summary.issues.slice(0, 300).map((i, k) => (
              <li key={k} className={`issue-${i.severity}`}>
                <span aria-hidden="true">{i.severity === 'error' ? '⛔' : i.severity === 'warning' ? '⚠️' : 'ℹ️'}</span> {m.issue(i)}
              </li>
            ))}
          </ul>
        </details>
      )}
      <section className="import-diff" aria-label={m.diffTitle}>
        <h3>{m.diffTitle}</h3>
        <button type="button" onClick={() => void engine().importDiff(scenarioText).then(setDiff)}>
          {m.diffRun}
        </button>
        {diff && !diff.ok && <p role="alert">{diff.error}</p>}
        {diff?.ok && <ImportDiffView diff={diff.diff} nodes={diff.nodes} onNode={(node) => void engine().importDiff(scenarioText, node).then(setDiff)} />}
      </section>
    </div>
  );
}
