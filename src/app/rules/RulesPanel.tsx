import { useId, useState } from 'react';
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
}

/** The selected node's rules, printed exactly as iptables prints them on a real node. */
export function RulesPanel({ text, format, onFormat, table, onTable, highlightLines }: Props) {
  const tabsId = useId();
  const [wrap, setWrap] = useState(false);
  const lines = (text ?? '').split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
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
      <pre className={`rules-text${wrap ? ' wrap' : ''}`} role="tabpanel" aria-labelledby={tabsId} tabIndex={0}>
        {lines.map((line, i) => (
          <span key={i} className={`rules-line${highlightLines?.has(i) ? ' is-hit' : ''}`}>
            {line}
            {'\n'}
          </span>
        ))}
      </pre>
    </div>
  );
}
