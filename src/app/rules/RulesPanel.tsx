import { lazy, Suspense, useEffect, useId, useMemo, useRef, useState } from 'react';
import type { FocusEvent, KeyboardEvent } from 'react';
import { createPortal } from 'react-dom';
import type { RuleFormat } from '../../worker/api';
import { useLabStore } from '../store';
import { rulesMessages } from './messages';
import { lineOf, revealLineIn } from './rule-dom';
import { useRuleHover } from './useRuleHover';
import { afterFrame } from '../after-frame';
import type { VirtualLinesHandle } from './VirtualLines';
import { VIRTUAL_FROM_LINES } from './virtual-from';
import { FORMAT_COMMAND, FORMAT_SUFFIX, HEAD_COMMAND, rulesHead, tabName } from './rules-head';
import { useRulesHeadSlot } from './RulesRegionFrame';
import './rules.css';

// The tooltip's code loads with the first rule pointed at or focused.
const RuleTooltip = lazy(() => import('./RuleTooltip').then((m) => ({ default: m.RuleTooltip })));
// The windowed list (and its virtualizer, ~10 KB gzip) loads with the first ruleset that needs it: the
// first screen's rulesets are a few hundred lines.
const VirtualLines = lazy(() => import('./VirtualLines').then((m) => ({ default: m.VirtualLines })));

const FORMATS: readonly RuleFormat[] = ['S', 'save', 'L'];

interface Props {
  readonly text: string | undefined;
  readonly format: RuleFormat;
  readonly onFormat: (format: RuleFormat) => void;
  readonly table: 'nat' | 'filter';
  readonly onTable: (table: 'nat' | 'filter') => void;
  /** Lines to mark (0-based), e.g. the rule that just matched. */
  readonly highlightLines?: ReadonlySet<number>;
  /** The packet's current rule (or folded run): its lines and what it did, in the colour language. */
  readonly current?: { readonly lines: readonly number[]; readonly kind: string };
}

/**
 * Scrolls the current rule into view, only when it is not wholly in view (no horizontal jump): into the
 * middle when it fits, else so that its end shows, where the target is (a wrapped rule can be taller
 * than a small panel).
 */
function revealLine(pre: HTMLElement, line: HTMLElement): void {
  const top = line.offsetTop - pre.offsetTop;
  const bottom = top + line.offsetHeight;
  if (top >= pre.scrollTop && bottom <= pre.scrollTop + pre.clientHeight) return;
  pre.scrollTop = line.offsetHeight > pre.clientHeight ? bottom - pre.clientHeight : Math.max(0, top - (pre.clientHeight - line.offsetHeight) / 2);
}

/** Where ↑ ↓ Home End PageUp PageDown move the keyboard focus from `line`, or undefined for other keys. */
function keyTarget(key: string, line: number, count: number, page: number): number | undefined {
  switch (key) {
    case 'ArrowDown':
      return Math.min(count - 1, line + 1);
    case 'ArrowUp':
      return Math.max(0, line - 1);
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    case 'PageDown':
      return Math.min(count - 1, line + page);
    case 'PageUp':
      return Math.max(0, line - page);
    default:
      return undefined;
  }
}

/**
 * The selected node's rules, printed exactly as iptables prints them on a real node. Hovering a rule
 * (or focusing it: the lines are one Tab stop, ↑ ↓ move between them) explains it in a tooltip and
 * lights the YAML it came from in the editor.
 */
export function RulesPanel({ text, format, onFormat, table, onTable, highlightLines, current }: Props) {
  const tabsId = useId();
  const tipId = useId();
  const hintId = useId();
  const [wrap, setWrap] = useState(false);
  const headSlot = useRulesHeadSlot();
  const pre = useRef<HTMLPreElement>(null);
  const lang = useLabStore((s) => s.lang);
  const m = rulesMessages(lang);
  const lines = useMemo(() => {
    const l = (text ?? '').split('\n');
    if (l[l.length - 1] === '') l.pop();
    return l;
  }, [text]);
  const hover = useRuleHover(lines, format, table);
  // nftables / IPVS mode: the page starts with nft's or ipvsadm's listing; the tabs choose the iptables part.
  const head = rulesHead(text);
  /** The one line that is in the Tab order (roving tabindex); set on the DOM, like the marks. */
  const stop = useRef<HTMLElement>(undefined);
  // The lines render once per text; a playing packet moves its mark every step, so the mark is set on
  // the DOM directly instead of re-rendering a ruleset that can run to 100,000 lines.
  const virtual = lines.length > VIRTUAL_FROM_LINES;
  const windowed = useRef<VirtualLinesHandle>(null);
  /** In the windowed list, the line holding the Tab stop (React renders it; the other lines may come and go). */
  const [virtualStop, setVirtualStop] = useState(0);
  const rendered = useMemo(
    () =>
      virtual ? null : lines.map((line, i) => (
        <span key={i} data-line={i} className={`rules-line${highlightLines?.has(i) ? ' is-hit' : ''}`}>
          {line}
          {'\n'}
        </span>
      )),
    [lines, highlightLines, virtual],
  );
  const currentKey = current ? `${current.kind} ${current.lines.join(',')}` : '';
  useEffect(() => {
    const el = pre.current;
    if (!el || currentKey === '') return;
    const [kind, list] = currentKey.split(' ');
    const marked = (list ?? '').split(',').map((n) => el.querySelector<HTMLElement>(`[data-line="${n}"]`)).filter((n): n is HTMLElement => n !== null);
    for (const m of marked) m.classList.add('is-current', `fx-${kind}`);
    const first = marked[0];
    const cancel = first ? afterFrame(() => revealLine(el, first)) : undefined;
    return () => {
      cancel?.();
      for (const m of marked) m.classList.remove('is-current', `fx-${kind}`);
    };
  }, [currentKey, rendered]);

  // The visible width of the text, for the current rule's wrap (rules.css).
  useEffect(() => {
    const el = pre.current;
    if (!el) return;
    const observer = new ResizeObserver(() => {
      const cs = getComputedStyle(el);
      const width = el.clientWidth - (Number.parseFloat(cs.paddingLeft) || 0) - (Number.parseFloat(cs.paddingRight) || 0);
      el.style.setProperty('--rules-view', `${Math.max(0, width)}px`);
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  // Roving tabindex: keep exactly one line reachable by Tab, the last one focused while it exists.
  useEffect(() => {
    const el = pre.current;
    if (!el || virtual) return;
    if (stop.current && el.contains(stop.current)) return;
    stop.current?.removeAttribute('tabindex');
    const first = el.children.item(0);
    stop.current = first instanceof HTMLElement ? first : undefined;
    if (stop.current) stop.current.tabIndex = 0;
  }, [rendered, virtual]);

  const onFocus = (e: FocusEvent<HTMLPreElement>): void => {
    const at = lineOf(e.target);
    if (!at) return;
    if (virtual) setVirtualStop(at.line);
    else if (stop.current !== at.el) {
      stop.current?.removeAttribute('tabindex');
      stop.current = at.el;
      at.el.tabIndex = 0;
    }
    hover.focusLine(at.el, at.line);
  };
  const onBlur = (e: FocusEvent<HTMLPreElement>): void => {
    if (!lineOf(e.relatedTarget) || !pre.current?.contains(e.relatedTarget as Node)) hover.blurLines();
  };
  const onKeyDown = (e: KeyboardEvent<HTMLPreElement>): void => {
    const el = pre.current;
    const at = lineOf(e.target);
    if (!el || !at || e.altKey || e.ctrlKey || e.metaKey) return;
    if (e.key === 'Escape') {
      hover.dismiss();
      return;
    }
    // A page is as many one-line rules as the view holds (a wrapped rule under the focus is taller than one).
    const line = parseFloat(getComputedStyle(el).lineHeight) || at.el.offsetHeight;
    const page = Math.max(1, Math.floor(el.clientHeight / Math.max(1, line)) - 1);
    const to = keyTarget(e.key, at.line, lines.length, page);
    if (to === undefined) return;
    e.preventDefault();
    if (virtual) {
      // The line may not be rendered yet: the window scrolls to it first.
      windowed.current?.reveal(to, (line) => {
        setVirtualStop(to);
        line.focus({ preventScroll: true });
        revealLineIn(el, line);
      });
      return;
    }
    const next = el.children.item(to);
    if (!(next instanceof HTMLElement) || next === at.el) return;
    next.tabIndex = 0;
    next.focus({ preventScroll: true });
    revealLineIn(el, next);
  };

  // What the text is cut from and how it is laid out: in the region's title row when it has one, so
  // the toolbar's row holds the format tabs (and nft's or ipvsadm's caption) whole at 1280 px.
  const view = (
    <>
      <label className="field">
        <span>-t</span>
        <select aria-label="Table" value={table} onChange={(e) => onTable(e.target.value as 'nat' | 'filter')}>
          <option value="nat">nat</option>
          <option value="filter">filter</option>
        </select>
      </label>
      <label className="field">
        <input type="checkbox" checked={wrap} onChange={(e) => setWrap(e.target.checked)} /> {m.wrap}
      </label>
    </>
  );

  return (
    <div className="rules-panel">
      <div className={`rules-toolbar${head === 'iptables' ? '' : ' has-head'}`}>
        {head !== 'iptables' && (
          <span className="rules-head" title={m.headHint(HEAD_COMMAND[head])} data-testid="rules-head">
            <code>{HEAD_COMMAND[head]}</code> + <code>iptables</code>
          </span>
        )}
        <div role="tablist" aria-label="Rule format" id={tabsId}>
          {FORMATS.map((f) => (
            <button
              key={f}
              role="tab"
              type="button"
              aria-selected={format === f}
              className="tab"
              onClick={() => onFormat(f)}
              {...(head === 'iptables' ? {} : { 'aria-label': tabName(head, f), title: tabName(head, f) })}
            >
              {head === 'iptables' ? FORMAT_COMMAND[f] : FORMAT_SUFFIX[f]}
            </button>
          ))}
        </div>
        {headSlot ? createPortal(view, headSlot) : view}
      </div>
      <pre
        ref={pre}
        className={`rules-text${wrap ? ' wrap' : ''}`}
        role="tabpanel"
        aria-labelledby={tabsId}
        aria-describedby={hintId}
        // The lines are the Tab stop; the text itself only while it has none.
        tabIndex={lines.length > 0 ? -1 : 0}
        onPointerMove={hover.onPointerMove}
        onPointerLeave={hover.onPointerLeave}
        onFocus={onFocus}
        onBlur={onBlur}
        onKeyDown={onKeyDown}
      >
        {virtual ? (
          <Suspense fallback={null}>
            <VirtualLines lines={lines} scroller={pre} handle={windowed} stop={virtualStop} {...(highlightLines ? { highlightLines } : {})} {...(current ? { current } : {})} />
          </Suspense>
        ) : (
          rendered
        )}
      </pre>
      <span id={hintId} hidden>
        {m.keys}
      </span>
      {hover.shown && (
        <Suspense fallback={null}>
          <RuleTooltip id={tipId} shown={hover.shown} activePart={hover.activePart} format={format} lang={lang} scroller={pre} />
        </Suspense>
      )}
    </div>
  );
}
