import { DeferredButton } from './deferred-button';
import { usePacketStore } from './packet/store';
import { COMPARE_MODES_WORDS, SCALE_LAB_WORDS } from './lazy-button-words';

/**
 * The buttons whose views the first screen never shows, with their words (and each view's whole dictionary,
 * ~3 KB gz each) out of the main entry: see `DeferredButton`. The words here are the real buttons' own,
 * pinned to their messages by lazy-button-words.test.ts.
 */

const loadScaleLab = () => import('./scale/ScaleLabButton').then((m) => m.ScaleLabButton);
const loadCompareModes = () => import('./compare/CompareModesButton').then((m) => m.CompareModesButton);

/** The header's `Scale lab` button (scale/ScaleLabButton.tsx once loaded). */
export function ScaleLabEntry() {
  return <DeferredButton load={loadScaleLab} words={SCALE_LAB_WORDS} label="Scale lab" />;
}

/** The playback bar's `Compare modes` button (compare/CompareModesButton.tsx once loaded); disabled until a packet can be chosen, as it is. */
export function CompareModesEntry() {
  const canCompare = usePacketStore((s) => !!s.from && !!s.to && !!s.choices);
  return <DeferredButton load={loadCompareModes} words={COMPARE_MODES_WORDS} label="Compare modes" className="cmp-open" icon="⇄" haspopup="dialog" disabled={!canCompare} />;
}
