import { lazy, Suspense, useState } from 'react';
import { useShareNotices } from './useShareLink';

const ShareNoticesView = lazy(() => import('./ShareNoticesView'));

/** A share link's error or question, loaded only when a link brings one (most visits have no link). */
export function ShareNotices() {
  const any = useShareNotices((s) => s.error !== undefined || s.confirm !== undefined);
  // Once loaded it stays mounted: closing (not removing) its dialog gives focus back where it was.
  const [needed, setNeeded] = useState(false);
  if (any && !needed) setNeeded(true);
  if (!any && !needed) return null;
  return (
    <Suspense fallback={null}>
      <ShareNoticesView />
    </Suspense>
  );
}
