import { useEffect, useImperativeHandle, useState } from 'react';
import type { Ref, RefObject } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';

export { VIRTUAL_FROM_LINES } from './virtual-from';

/** What the rules panel asks of the window of lines: bring a line into the page (and view), then use it. */
export interface VirtualLinesHandle {
  /** Scrolls line `index` into view and calls `then` with its element once it is rendered. */
  reveal(index: number, then: (el: HTMLElement) => void): void;
}

interface Props {
  readonly lines: readonly string[];
  /** The scrolling `<pre>` the lines sit in. */
  readonly scroller: RefObject<HTMLPreElement | null>;
  readonly highlightLines?: ReadonlySet<number>;
  /** The packet's current rule: its lines are marked when on screen, and brought on screen when it moves. */
  readonly current?: { readonly lines: readonly number[]; readonly kind: string };
  readonly handle?: Ref<VirtualLinesHandle>;
  /** The line that holds the Tab stop (roving tabindex); when it is not rendered, the first line in view does. */
  readonly stop: number;
}

/** One line's height in the `<pre>` (the font size changes in classroom mode); read after paint, not in the commit. */
function lineHeight(pre: HTMLElement | null): number {
  if (!pre) return 18;
  const h = parseFloat(getComputedStyle(pre).lineHeight);
  return Number.isFinite(h) && h > 0 ? h : 18;
}

/** Frames to wait for a revealed line to be rendered before giving up (a scroll lands within one or two). */
const REVEAL_FRAMES = 6;

/**
 * A long ruleset's lines, only those in view (plus a margin) rendered, in the normal flow of the `<pre>`
 * between two spacers: each line keeps the `data-line` and class of the full list, so hover, focus, the
 * rule marks, wrapping (the Wrap switch, and the current rule wrapped to the view with its target in
 * sight) and the styles work on what is shown as they do on a short ruleset. Each rendered line is
 * measured, so wrapped lines take their real height.
 */
export function VirtualLines({ lines, scroller, highlightLines, current, handle, stop }: Props) {
  const [height, setHeight] = useState(18);
  useEffect(() => {
    setHeight(lineHeight(scroller.current));
  }, [scroller]);
  // Nothing here memoizes the virtualizer's functions: it re-renders this component itself on scroll.
  const v = useVirtualizer({ count: lines.length, getScrollElement: () => scroller.current, estimateSize: () => height, overscan: 40 });
  const first = current?.lines[0];
  useEffect(() => {
    if (first !== undefined && first < lines.length) v.scrollToIndex(first, { align: 'center' });
  }, [first, lines.length, v]);
  useImperativeHandle(
    handle,
    () => ({
      reveal(index, then) {
        v.scrollToIndex(index, { align: 'auto' });
        let frames = 0;
        const look = (): void => {
          const el = scroller.current?.querySelector<HTMLElement>(`[data-line="${index}"]`);
          if (el) then(el);
          else if (++frames < REVEAL_FRAMES) requestAnimationFrame(look);
        };
        requestAnimationFrame(look);
      },
    }),
    [v, scroller],
  );
  const marked = new Set(current?.lines ?? []);
  const items = v.getVirtualItems();
  const top = items[0]?.start ?? 0;
  const bottom = Math.max(0, v.getTotalSize() - (items[items.length - 1]?.end ?? 0));
  // The Tab stop's line when it is rendered, else the first line in view (the overscan above is not).
  const tabStop = items.some((i) => i.index === stop) ? stop : (items.find((i) => i.end > (v.scrollOffset ?? 0)) ?? items[0])?.index;
  return (
    <>
      <span className="rules-spacer" aria-hidden="true" style={{ display: 'block', height: top }} />
      {items.map((item) => (
        <span
          key={item.index}
          ref={v.measureElement}
          data-index={item.index}
          data-line={item.index}
          tabIndex={item.index === tabStop ? 0 : -1}
          className={`rules-line is-virtual${highlightLines?.has(item.index) ? ' is-hit' : ''}${marked.has(item.index) ? ` is-current fx-${current!.kind}` : ''}`}
        >
          {lines[item.index]}
          {'\n'}
        </span>
      ))}
      <span className="rules-spacer" aria-hidden="true" style={{ display: 'block', height: bottom }} />
    </>
  );
}
