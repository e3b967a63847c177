import type { DumpDiff } from '../../worker/import-api';
import { useLabStore } from '../store';
import { importMessages } from './messages';

const NODE_WIDE = '(node-wide)';

/** The diff Service by Service: − what the YAML has and the node lacks, + what only the node has. */
export function ImportDiffView({ diff, nodes, onNode }: { readonly diff: DumpDiff; readonly nodes: readonly string[]; readonly onNode: (node: string) => void }) {
  const lang = useLabStore((s) => s.lang);
  const m = importMessages[lang];
  return (
    <div className="import-diff-view">
      <label className="field">
        <span>{m.diffNode}</span>
        <select aria-label={m.diffNode} value={diff.node} onChange={(e) => onNode(e.target.value)}>
          {nodes.map((n) => (
            <option key={n}>{n}</option>
          ))}
        </select>
      </label>
      <ul className="diff-services">
        {diff.services.map((s) => (
          <li key={s.service} className={s.same ? 'is-same' : 'is-different'}>
            <strong>{s.service === NODE_WIDE ? (lang === 'ko' ? '노드 전체 규칙' : 'node-wide rules') : s.service}</strong>
            {': '}
            {s.same ? `✓ ${m.diffSame}` : s.presence === 'node' ? `+ ${m.diffOnlyNode}` : s.presence === 'yaml' ? `− ${m.diffOnlyYaml}` : '≠'}
            {!s.same && s.presence === 'both' && (
              <ul>
                {s.staleEndpointChains.length > 0 && <li className="diff-stale">⚠️ {m.diffStale(s.staleEndpointChains.length, s.service)} ({s.staleEndpointChains.map((c) => `${c.chain}${c.endpoint ? ` → ${c.endpoint}` : ''}`).join(', ')})</li>}
                {s.names && s.endpointCounts && <li className="diff-names">ℹ️ {m.diffNames(s.service, s.names, s.endpointCounts.nodeChains.join(', '), s.endpointCounts.yamlChains.join(', '))}</li>}
                {s.endpointCounts && s.endpointCounts.node !== s.endpointCounts.yaml && <li>{m.diffEndpoints(s.endpointCounts.nodeChains.join(', ') || s.endpointCounts.yamlChains.join(', '), s.endpointCounts.node, s.endpointCounts.yaml)}</li>}
                {s.missingChains.map((c) => (
                  <li key={`-${c}`} className="diff-minus">
                    − {c}: {m.diffMissingChain}
                  </li>
                ))}
                {s.extraChains.map((c) => (
                  <li key={`+${c}`} className="diff-plus">
                    + {c}: {m.diffExtraChain}
                  </li>
                ))}
                {s.missingRules.map((r, k) => (
                  <li key={`mr${k}`} className="diff-minus">
                    <code>− {r.text}</code>
                  </li>
                ))}
                {s.extraRules.map((r, k) => (
                  <li key={`er${k}`} className="diff-plus">
                    <code>
                      + {r.text}
                      {r.counters ? `  ${r.counters}` : ''}
                      {r.line !== undefined ? `  (#${r.line})` : ''}
                    </code>
                  </li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
