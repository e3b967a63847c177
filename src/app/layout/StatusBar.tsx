import { useShallow } from 'zustand/react/shallow';
import { useLabStore } from '../store';
import { useT } from '../i18n';
import { UpdatePrompt } from '../pwa/UpdatePrompt';
import { scenarioProblemText } from '../../engine/explain/yaml-errors';

/**
 * What the worker says about the current text (documents found, YAML errors at line:col), and the app's
 * own passing news at the right end (offline ready, an update waiting): here, never over the panels.
 */
export function StatusBar() {
  const t = useT();
  const { outline, engineInfo, engineError, lang, mode } = useLabStore(
    useShallow((s) => ({ outline: s.outline, engineInfo: s.engineInfo, engineError: s.engineError, lang: s.lang, mode: s.summary?.mode })),
  );
  return (
    <footer className="status-bar" aria-label="Engine status">
      {engineError ? (
        <span className="status-error" role="alert">
          {engineError}
        </span>
      ) : engineInfo ? (
        <span data-testid="engine-info">
          {t('engine')} {engineInfo.engineVersion} · {t('kubeProxy')} {engineInfo.kubernetesRelease} ({mode ?? 'iptables'})
        </span>
      ) : (
        <span>{t('engineStarting')}</span>
      )}
      {outline && (
        <span data-testid="outline-summary">
          {outline.errors.length === 0 ? (
            <>
              ✓ {t('yamlOk')}: {outline.documents.length} {t('documents')} (
              {outline.documents.map((d) => `${d.kind}${d.name ? '/' + d.name : ''}`).join(', ')})
            </>
          ) : (
            <span className="status-error" role="status">
              ✗ {t('yamlErrors')}:{' '}
              {outline.errors.map((e) => `${e.line}:${e.col} ${scenarioProblemText(e, lang)}`).join(' · ')}
            </span>
          )}
        </span>
      )}
      <UpdatePrompt />
    </footer>
  );
}
