import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type { RuleFormat } from '../../worker/api';

const FORMATS: readonly { readonly id: RuleFormat; readonly label: string }[] = [
  { id: 'S', label: 'iptables -S' },
  { id: 'save', label: 'iptables-save' },
  { id: 'L', label: 'iptables -L -n -v' },
];

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

/** Scrolls a line into the middle of its scroller, only when it is out of view (no horizontal jump). */
function revealLine(pre: HTMLElement, line: HTMLElement): void {
  const top = line.offsetTop - pre.offsetTop;
  if (top < pre.scrollTop || top + line.offsetHeight > pre.scrollTop + pre.clientHeight) {
    pre.scrollTop = Math.max(0, top - pre.clientHeight / 2);
  }
}

/** The selected node's rules, printed exactly as iptables prints them on a real node. */
export function RulesPanel({ text, format, onFormat, table, onTable, highlightLines, current }: Props) {
  const tabsId = useId();
  const [wrap, setWrap] = useState(false);
  const pre = useRef<HTMLPreElement>(null);
  const lines = useMemo(() => {
    const l = (text ?? '').split('\n');
    if (l[l.length - 1] === '') l.pop();
    return l;
  }, [text]);
  // The lines render once per text; a playing packet moves its mark every step, so the mark is set on
  // the DOM directly instead of re-rendering a ruleset that can run to 100,000 lines.
  const rendered = useMemo(
    () =>
      lines.map((line, i) => (
        <span key={i} data-line={i} className={`rules-line${highlightLines?.has(i) ? ' is-hit' : ''}`}>
          {line}
          {'\n'}
        </span>
      )),
    [lines, highlightLines],
  );
  const currentKey = current ? `${current.kind} ${current.lines.join(',')}` : '';
  useEffect(() => {
    const el = pre.current;
    if (!el || currentKey === '') return;
    const [kind, list] = currentKey.split(' ');
    const marked = (list ?? '').split(',').map((n) => el.querySelector<HTMLElement>(`[data-line="${n}"]`)).filter((n): n is HTMLElement => n !== null);
    for (const m of marked) m.classList.add('is-current', `fx-${kind}`);
    if (marked[0]) revealLine(el, marked[0]);
    return () => {
      for (const m of marked) m.classList.remove('is-current', `fx-${kind}`);
    };
  }, [currentKey, rendered]);
  return (
    <div className="rules-panel">
      <div className="rules-toolbar">
        <div role="tablist" aria-label="Rule format" id={tabsId}>
          {FORMATS.map((f) => (
            <button key={f.id} role="tab" type="button" aria-selected={format === f.id} className="tab" onClick={() => onFormat(f.id)}>
              {f.label}
            </button>
          ))}
        </div>
        <label className="field">
          <span>-t</span>
          <select aria-label="Table" value={table} onChange={(e) => onTable(e.target.value as 'nat' | 'filter')}>
            <option value="nat">nat</option>
            <option value="filter">filter</option>
          </select>
        </label>
        <label className="field">
          <input type="checkbox" checked={wrap} onChange={(e) => setWrap(e.target.checked)} /> wrap
        </label>
      </div>
      <pre ref={pre} className={`rules-text${wrap ? ' wrap' : ''}`} role="tabpanel" aria-labelledby={tabsId} tabIndex={0}>
        {rendered}
      </pre>
    </div>
  );
}
