import { lazy, Suspense, type ReactNode } from 'react';
import { useLabStore } from '../store';
import { importMessages } from './messages';
import { useImportedNode } from './imported-store';

const ImportedGraph = lazy(() => import('./ImportedViews').then((m) => ({ default: m.ImportedGraph })));
const ImportedRules = lazy(() => import('./ImportedViews').then((m) => ({ default: m.ImportedRules })));
const ImportedPacket = lazy(() => import('./ImportedViews').then((m) => ({ default: m.ImportedPacket })));

const VIEWS = { graph: ImportedGraph, rules: ImportedRules, packet: ImportedPacket } as const;

/**
 * A region's body: the imported node's view while the page shows it (after an import), else the
 * scenario's own (`children`, kept as they were: the scenario comes back untouched).
 */
export function OrImported({ view, children }: { readonly view: keyof typeof VIEWS; readonly children: ReactNode }) {
  const showing = useImportedNode((s) => s.showing);
  if (!showing) return <>{children}</>;
  const View = VIEWS[view];
  return (
    <Suspense fallback={null}>
      <View />
    </Suspense>
  );
}

/** Says which node the regions show, with the way back to the scenario (and back to the node). */
export function ImportedBanner() {
  const lang = useLabStore((s) => s.lang);
  const { summary, showing, setShowing, restoring } = useImportedNode();
  const m = importMessages[lang];
  if (!summary || !showing) return null;
  return (
    <div className="imported-banner" role="region" aria-label={m.showImported}>
      <span>{m.shownBanner(summary.hostname, summary.ruleCount, summary.chainCount)}</span>
      {restoring && (
        <span role="status" className="import-progress">
          {m.restoring} <progress aria-label={m.restoring} value={restoring.done} max={Math.max(1, restoring.total)} />
        </span>
      )}
      <button type="button" onClick={() => setShowing(false)}>
        ← {m.backToScenario}
      </button>
    </div>
  );
}
