import { useLayoutEffect, useState } from 'react';
import type { RefObject } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';

/** Rulesets longer than this render only the lines on screen (a shared link can carry 100,000 lines). */
export const VIRTUAL_FROM_LINES = 2000;

interface Props {
  readonly lines: readonly string[];
  /** The scrolling `<pre>` the lines sit in. */
  readonly scroller: RefObject<HTMLPreElement | null>;
  readonly highlightLines?: ReadonlySet<number>;
  /** The packet's current rule: its lines are marked when on screen, and brought on screen when it moves. */
  readonly current?: { readonly lines: readonly number[]; readonly kind: string };
}

/** One line's height in the `<pre>`, measured once (the font size changes in classroom mode). */
function lineHeight(pre: HTMLElement | null): number {
  if (!pre) return 18;
  const h = parseFloat(getComputedStyle(pre).lineHeight);
  return Number.isFinite(h) && h > 0 ? h : 18;
}

/**
 * A long ruleset's lines, only those in view (plus a margin) rendered: each keeps the `data-line` and
 * class of the full list, so hover, focus and the rule marks work on what is shown. Lines do not wrap here
 * (one height for all is what makes the window cheap to compute).
 */
export function VirtualLines({ lines, scroller, highlightLines, current }: Props) {
  const [height, setHeight] = useState(18);
  useLayoutEffect(() => setHeight(lineHeight(scroller.current)), [scroller]);
  // Nothing here memoizes the virtualizer's functions: it re-renders this component itself on scroll.
  const v = useVirtualizer({ count: lines.length, getScrollElement: () => scroller.current, estimateSize: () => height, overscan: 40 });
  const first = current?.lines[0];
  useLayoutEffect(() => {
    if (first !== undefined && first < lines.length) v.scrollToIndex(first, { align: 'center' });
  }, [first, lines.length, v]);
  const marked = new Set(current?.lines ?? []);
  return (
    <span className="rules-virtual" style={{ display: 'block', position: 'relative', height: v.getTotalSize() }}>
      {v.getVirtualItems().map((item) => (
        <span
          key={item.index}
          data-line={item.index}
          className={`rules-line${highlightLines?.has(item.index) ? ' is-hit' : ''}${marked.has(item.index) ? ` is-current fx-${current!.kind}` : ''}`}
          style={{ position: 'absolute', top: 0, left: 0, transform: `translateY(${item.start}px)`, whiteSpace: 'pre' }}
        >
          {lines[item.index]}
          {'\n'}
        </span>
      ))}
    </span>
  );
}
