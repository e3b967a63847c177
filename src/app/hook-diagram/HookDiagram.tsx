import { useCallback, useState } from 'react';
import { createPortal } from 'react-dom';
import { HOOK_STAGES, type Hook } from './kernel-stages';
import { CELLS, type DiagramId } from './layout';
import { HookBox, PlaceBox } from './HookBox';
import { HookArrows } from './HookArrows';
import { HookOverview } from './HookOverview';
import { useGeometry } from './useGeometry';
import { useHookCamera } from './useHookCamera';
import { useT } from '../i18n';
import { useLabStore } from '../store';
import { HookToken } from '../packet/HookToken';
import { Icon } from '../packet/Icon';
import { useHookFocus } from '../packet/useHookFocus';
import { OVERVIEW_SLOT } from './HooksHead';
import { hooksMessages } from './messages';
import './hooks.css';

const isHook = (id: DiagramId): id is Hook => id in HOOK_STAGES;

/**
 * The netfilter hooks as the classic diagram draws them (fixed layout, kernel data), under the cluster
 * strip (HooksHead): the diagram is one node's hooks, the strip says which node and where the packet goes next.
 * Plain DOM at its real size: its text is as large as the rest of the page, and where it does not fit,
 * the view pans with the packet (useHookCamera) and an outline shows where the view is.
 */
export function HookDiagram() {
  const t = useT();
  const m = hooksMessages(useLabStore((s) => s.lang));
  const focus = useHookFocus();
  // nftables mode: the worker says where kube-proxy's base chains sit among the tables.
  const stages = useLabStore((s) => s.summary?.hookStages) ?? HOOK_STAGES;
  const [scroller, setScroller] = useState<HTMLDivElement | null>(null);
  const [canvas, setCanvas] = useState<HTMLDivElement | null>(null);
  const geometry = useGeometry(canvas);
  // The overview sits in the region's title row (HooksHead), which is in the page before this diagram is.
  const [slot, setSlot] = useState<HTMLElement | null>(null);
  const scrollerRef = useCallback((el: HTMLDivElement | null) => {
    setScroller(el);
    setSlot(el ? document.getElementById(OVERVIEW_SLOT) : null);
  }, []);
  useHookCamera(scroller, geometry, focus?.key);
  const places: Readonly<Record<string, { label: string; shape: 'box' | 'diamond' }>> = {
    'net-in': { label: t('networkIn'), shape: 'box' },
    'route-in': { label: t('routing'), shape: 'diamond' },
    'net-out': { label: t('networkOut'), shape: 'box' },
    local: { label: t('localProcess'), shape: 'box' },
    'route-out': { label: t('routing'), shape: 'diamond' },
  };
  return (
    <div className="hooks-layout">
      {slot && createPortal(<HookOverview geometry={geometry} scroller={scroller} at={focus?.key} label={m.overview} />, slot)}
      <div className="hooks-stage">
        {/* Arrow keys scroll it (data-own-keys: they do not step the packet while it has focus). */}
        <div className="hook-diagram" data-testid="hook-diagram" ref={scrollerRef} tabIndex={0} role="group" aria-label={m.diagram} data-own-keys="">
          <div className="hook-canvas" ref={setCanvas}>
            <HookArrows geometry={geometry} />
            {CELLS.map((c) =>
              isHook(c.id) ? (
                <HookBox key={c.id} hook={c.id} stages={stages[c.id]} row={c.row} col={c.col} />
              ) : (
                <PlaceBox key={c.id} id={c.id} label={places[c.id]!.label} shape={places[c.id]!.shape} row={c.row} col={c.col} />
              ),
            )}
            {focus?.node && (
              <p className="hook-on-node" data-testid="hook-node-label" title={m.onNode(focus.node)}>
                <Icon name="pin" />{' '}
                {focus.node}
              </p>
            )}
            <HookToken focus={focus} canvas={canvas} layout={geometry} />
          </div>
        </div>
      </div>
    </div>
  );
}
