import type { ReactNode } from 'react';
import type { DifferenceKind, ModeDifference, ModeSummary, PathMark, PathStep } from '../../worker/api';
import { withCodeSpans } from '../packet/code-spans';
import type { CompareMessages } from './messages';

const MARK_ICONS: Readonly<Record<PathMark, string>> = { dnat: '⇢ ', snat: '⇠ ', stop: '✕ ', out: '↗ ' };

const MODE_TITLES: Readonly<Record<ModeSummary['mode'], string>> = { iptables: 'iptables', nftables: 'nftables', ipvs: 'IPVS' };

interface Props {
  readonly summary: ModeSummary;
  readonly differences: readonly ModeDifference[];
  readonly m: CompareMessages;
}

/** One hook the first packet crossed: its rule and lookup counts, and what was decided there. */
function Step({ step, m }: { readonly step: PathStep; readonly m: CompareMessages }) {
  switch (step.kind) {
    case 'wire':
      return <li className="cmp-wire">{withCodeSpans(m.wireTo(step.to))}</li>;
    case 'receive':
      return <li className="cmp-receive">{withCodeSpans(m.receives(step.by))}</li>;
    case 'hook':
      return (
        <li className={`cmp-hook${step.marks.length > 0 ? ' is-decisive' : ''}`}>
          <code>{step.hook}</code> <span className="cmp-count">{m.hookLine(step.rules, step.lookups)}</span>
          {step.marks.map((mark) => (
            <span key={mark} className={`cmp-mark cmp-mark-${mark}`}>
              {MARK_ICONS[mark]}
              {m.marks[mark]}
            </span>
          ))}
        </li>
      );
  }
}

/** The path, with each node named once above the hooks it ran. */
function Path({ path, m }: { readonly path: readonly PathStep[]; readonly m: CompareMessages }) {
  const items: ReactNode[] = [];
  let node: string | undefined;
  path.forEach((step, i) => {
    if (step.kind === 'hook' && step.node !== node) {
      node = step.node;
      items.push(
        <li key={`n${i}`} className="cmp-node">
          <code>{step.node}</code>
        </li>,
      );
    }
    if (step.kind !== 'hook') node = undefined;
    items.push(<Step key={i} step={step} m={m} />);
  });
  return <ol className="cmp-path">{items}</ol>;
}

/** The packet's path in one mode and its decisive facts, rows that differ from the other modes marked ≠. */
export function ModeColumn({ summary: s, differences, m }: Props) {
  const differs = (kind: DifferenceKind): boolean => differences.some((d) => d.kind === kind && d.modes.includes(s.mode));
  const row = (kind: DifferenceKind, label: string, value: ReactNode) => (
    <div className={`cmp-row${differs(kind) ? ' is-different' : ''}`} data-kind={kind}>
      <dt>
        {label}
        {differs(kind) && <span className="cmp-differs"> ≠ {m.differs}</span>}
      </dt>
      <dd>{value}</dd>
    </div>
  );
  const candidates = s.chooser?.candidates ?? [];
  return (
    <section className={`cmp-column cmp-${s.mode}`} aria-label={MODE_TITLES[s.mode]} data-mode={s.mode}>
      <h3>
        <span data-verbatim="">{MODE_TITLES[s.mode]}</span>
      </h3>
      <p className={`cmp-note${s.mode === 'ipvs' ? ' is-deprecated' : ''}`}>{withCodeSpans(m.modeNote[s.mode])}</p>
      <dl className="cmp-facts">
        {row('dnat-site', m.rows.dnat, withCodeSpans(m.dnatAt(s)))}
        {row('chooser', m.rows.chooser, s.chooser ? withCodeSpans(m.chooser(s.chooser)) : m.none)}
        {row(
          'endpoint-set',
          m.rows.candidates,
          candidates.length === 0 ? (
            m.none
          ) : (
            <span className="cmp-candidates">
              {candidates.map((c) => (
                <code key={c.endpoint} className={s.endpoint && `${s.endpoint.ip}:${s.endpoint.port}` === c.endpoint ? 'is-chosen' : undefined}>
                  {c.endpoint}
                  {c.probability !== undefined && s.chooser?.kind === 'statistic' ? ` p=${Number(c.probability.toFixed(4))}` : ''}
                </code>
              ))}
            </span>
          ),
        )}
        {row('work', m.rows.work, m.work(s))}
        {row('endpoint', m.rows.endpoint, s.endpoint ? <code>{`${s.endpoint.pod ?? s.endpoint.node ?? ''} ${s.endpoint.ip}:${s.endpoint.port}`.trim()}</code> : m.none)}
        {row('seen-source', m.rows.seen, s.seenSource ? <code>{s.seenSource}</code> : m.none)}
        {row('outcome', m.rows.end, withCodeSpans(m.end(s.end)))}
      </dl>
      <h4>{m.pathTitle}</h4>
      <Path path={s.path} m={m} />
    </section>
  );
}
