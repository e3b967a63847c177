import { useDeferredValue, useEffect, useState, type ReactNode } from 'react';
import { useLabStore } from './store';
import { usePacketStore } from './packet/store';

/**
 * Whatever happens (a scenario that never loads, an engine that failed), no later than this. Not sooner:
 * on a busy machine the first screen can take 4 s, and the graph must not compete with it. A scenario that
 * never loads has no graph to show anyway (the region then says the engine is starting).
 */
const AT_MOST_MS = 10_000;

/** Once reached, it stays reached: a region mounted again later (classroom mode, an import) does not wait. */
let reached = false;

function reach(setDone: (done: boolean) => void): void {
  reached = true;
  setDone(true);
}

/**
 * True from the first frame after the first screen is usable: the node's rules are on screen and the
 * packet pickers have their choices (Send packet works). What the first screen can do
 * without (the chain graph's React Flow, the header's Scale lab and Compare modes with their words)
 * starts loading then, not beside the shell, where it would compete with the engine's first answer.
 * Unlike `useAfterFirstScreen` (1 s and an idle moment later, for the offline copy), this is meant for
 * things on screen: they follow within a frame or two.
 */
export function useFirstScreenUsable(): boolean {
  // Deferred as RulesRegion defers the text itself: React renders both in the same background pass and
  // commits them together, so this turns true with the commit that puts the rules on screen, not before
  // (on a busy machine that pass can take many frames).
  const rulesArrived = useDeferredValue(useLabStore((s) => s.rulesText !== undefined));
  const hasChoices = usePacketStore((s) => s.choices !== undefined);
  const [done, setDone] = useState(reached);
  // Not "or the engine failed": a call that outlives its deadline on a busy machine restarts the worker and
  // sets the engine error too, then the first screen comes a moment later. A failed engine has no graph to
  // draw anyway; the cap below covers it.
  const usable = rulesArrived && hasChoices;
  useEffect(() => {
    if (done) return;
    const timer = setTimeout(() => reach(setDone), AT_MOST_MS);
    return () => clearTimeout(timer);
  }, [done]);
  useEffect(() => {
    if (done || !usable) return;
    // Two frames: the one that paints the rules and Send, then what the first screen can do without.
    let frame = requestAnimationFrame(() => {
      frame = requestAnimationFrame(() => reach(setDone));
    });
    return () => cancelAnimationFrame(frame);
  }, [done, usable]);
  return done;
}

/** `children` once the first screen is usable (see `useFirstScreenUsable`), `placeholder` until then. */
export function AfterFirstUsable({ placeholder, children }: { readonly placeholder: ReactNode; readonly children: ReactNode }) {
  return <>{useFirstScreenUsable() ? children : placeholder}</>;
}
