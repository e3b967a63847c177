import { lazy, Suspense } from 'react';
import { useLabStore } from '../store';

const StartCard = lazy(() => import('./StartCard'));

/** Mounts the "Start here" card while it is open; its code loads only for the visits that show it. */
export function StartGate() {
  const open = useLabStore((s) => s.startCard);
  if (!open) return null;
  return (
    <Suspense fallback={null}>
      <StartCard />
    </Suspense>
  );
}
