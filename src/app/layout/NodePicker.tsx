import { useShallow } from 'zustand/react/shallow';
import { useLabStore } from '../store';
import { useT } from '../i18n';
import './header.css';

/** Which node's rules the panels show. */
export function NodePicker() {
  const t = useT();
  const { summary, selected, setSelected } = useLabStore(
    useShallow((s) => ({ summary: s.summary, selected: s.selectedNode, setSelected: s.setSelectedNode })),
  );
  const nodes = summary?.nodes ?? [];
  return (
    <label className="field node-picker">
      <span>{t('node')}</span>
      <select aria-label={t('node')} value={selected ?? ''} onChange={(e) => setSelected(e.target.value)} disabled={nodes.length === 0}>
        {nodes.map((n) => (
          <option key={n.name} value={n.name} title={`${n.internalIP}, pods ${n.podCIDR}`}>
            {n.name}
          </option>
        ))}
      </select>
    </label>
  );
}
