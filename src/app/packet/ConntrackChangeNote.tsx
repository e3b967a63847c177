import { useLabStore } from '../store';
import { clockMessages } from './clock-messages';
import { usePacketStore } from './store';

/**
 * Above the Conntrack tables, until the next connection: what the last wait did (the entries the kernel
 * reaped, as `conntrack -E` reports them) or what kube-proxy's cleanup deleted after an endpoint change
 * (the `conntrack -D` that does the same, and the entries as they were).
 */
export function ConntrackChangeNote() {
  const change = usePacketStore((s) => s.change);
  const cm = clockMessages(useLabStore((l) => l.lang));
  if (!change) return null;
  const nodes = Object.keys(change.gone);
  const count = nodes.reduce((n, k) => n + change.gone[k]!.length, 0);
  const clock = cm.clock((change.nowMs / 1000).toFixed(3).replace(/\.?0+$/, ''));
  return (
    <div className="ct-change-note" role="status" data-testid="conntrack-change">
      <p>
        <strong>{change.kind === 'wait' ? cm.waited({ seconds: change.seconds ?? 0, expired: count }) : cm.cleaned(count)}</strong> <span className="ct-clock">({clock})</span>
      </p>
      {change.kind === 'wait' && count === 0 && <p>{cm.noneExpired}</p>}
      {change.kind === 'cleanup' && <p>{cm.tcpStays}</p>}
      {count > 0 && (
        <>
          <p className="pk-muted">{change.kind === 'wait' ? cm.expiredHeading : cm.cleanupHeading}</p>
          <pre tabIndex={0} aria-label={change.kind === 'wait' ? cm.expiredHeading : cm.cleanupHeading}>
            {nodes.map((node) => (
              <span key={node}>
                <span className="ct-prompt">root@{node}:/# </span>
                {change.kind === 'wait' ? 'conntrack -E' : (change.commands[node] ?? []).join('; ')}
                {'\n'}
                {change.gone[node]!.map((line, i) => (
                  <span key={i} className={change.kind === 'cleanup' ? 'ct-gone' : undefined}>
                    {line}
                    {'\n'}
                  </span>
                ))}
              </span>
            ))}
          </pre>
        </>
      )}
    </div>
  );
}
