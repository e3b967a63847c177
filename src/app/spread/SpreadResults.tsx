import { useMemo } from 'react';
import type { SpreadResult } from '../../worker/api';
import type { Lang } from '../i18n';
import { spreadHistogram } from './histogram';
import { SpreadHistogramView } from './SpreadHistogramView';

/** A spread's (partial or final) counts as a histogram. Loaded with the first run: most visits never run one. */
export default function SpreadResults({ result, lang }: { readonly result: SpreadResult; readonly lang: Lang }) {
  const histogram = useMemo(() => spreadHistogram(result), [result]);
  return <SpreadHistogramView histogram={histogram} connections={result.connections} lang={lang} />;
}
