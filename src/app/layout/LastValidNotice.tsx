import { useLabStore } from '../store';
import { useT } from '../i18n';
import { scenarioProblemText } from '../../engine/explain/yaml-errors';

/** Says plainly when the panels show the last valid scenario because the text has errors, and where the first one is. */
export function LastValidNotice() {
  const t = useT();
  // Select the summary itself (a stable object) and derive here: a selector that builds a new array loops.
  const summary = useLabStore((s) => s.summary);
  const lang = useLabStore((s) => s.lang);
  const showing = summary?.showingLastValid ?? false;
  const errors = (summary?.diagnostics ?? []).filter((d) => d.severity === 'error');
  if (errors.length === 0) return null;
  const first = errors[0]!;
  return (
    <div className="last-valid" role="status" data-testid="last-valid-notice">
      <strong>{showing ? t('showingLastValid') : t('scenarioHasErrors')}</strong>{' '}
      <span>
        {first.line}:{first.col} {scenarioProblemText({ message: first.message, code: first.yamlCode }, lang)}
        {errors.length > 1 ? ` (+${errors.length - 1})` : ''}
      </span>
    </div>
  );
}
