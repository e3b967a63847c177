import { useDeferredValue, useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useLabStore } from '../store';
import { RulesPanel } from './RulesPanel';
import { useRuleFocus } from '../packet/useRuleFocus';
import { ModeNotice } from './ModeNotice';

/** The selected node's rules; the chain picked in the graph and the packet's current rule are highlighted. */
export function RulesRegion() {
  const live = useLabStore(
    useShallow((st) => ({ text: st.rulesText, format: st.format, setFormat: st.setFormat, table: st.table, setTable: st.setTable, chain: st.selectedChain })),
  );
  // A new text renders in a transition: React splits the work (lines, their index, the window of shown
  // lines) into slices between which the page answers, instead of one task as long as the ruleset.
  const text = useDeferredValue(live.text);
  const s = { ...live, text };
  const highlight = useMemo(() => {
    const lines = new Set<number>();
    if (!s.chain || !s.text) return lines;
    s.text.split('\n').forEach((l, i) => {
      if (l.startsWith(`-A ${s.chain} `) || l === `-A ${s.chain}` || l.startsWith(`-N ${s.chain}`) || l.startsWith(`:${s.chain} `) || l.startsWith(`Chain ${s.chain} `)) lines.add(i);
    });
    return lines;
  }, [s.text, s.chain]);
  // The rule the packet is at, when it is on this node and table.
  const focus = useRuleFocus(s.text, s.format, s.table);
  return (
    <>
      <ModeNotice />
      <RulesPanel
        text={s.text}
        format={s.format}
        onFormat={s.setFormat}
        table={s.table}
        onTable={s.setTable}
        highlightLines={highlight}
        {...(focus ? { current: focus } : {})}
      />
    </>
  );
}
