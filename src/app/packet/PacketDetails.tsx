import type { HopView, TraceView } from '../../worker/api';
import type { Lang } from '../lang';
import { HeaderTable } from './HeaderTable';
import type { PacketMessages } from './messages';
import { changeKind, EFFECT_ICON, headerAt, hopCtstate, hopEffect, hopNode, isLastHop, type Header } from './steps';
import { usePacketText, type CurrentStep } from './useCurrentStep';
import { Icon } from './Icon';
import { useLabStore } from '../store';
import { directionWord, fateText, outcomeWord, packetLabel } from '../outcome-text';

/** node › hook › table › chain · rule n: where in the kernel the current hop is. */
function Location({ cur, m }: { readonly cur: CurrentStep; readonly m: PacketMessages }) {
  const h = cur.hop;
  const node = hopNode(h, cur.packet);
  const parts: string[] = [];
  if (node) parts.push(node);
  if ('hook' in h) parts.push(h.hook);
  if (h.kind === 'rule' || h.kind === 'skipped' || h.kind === 'map-lookup') parts.push(h.table, h.chain);
  else if (h.kind === 'nat-from-entry') parts.push('nat (conntrack)');
  else if (h.kind === 'conntrack' || h.kind === 'confirm') parts.push('conntrack');
  else if (h.kind === 'routing') parts.push('routing');
  else if (h.kind === 'wire') parts.push(`${h.from} → ${h.to} (${h.device})`);
  let detail = '';
  if (h.kind === 'rule') detail = h.ruleIndex < 0 ? m.policy : m.ruleN(h.ruleIndex + 1);
  if (h.kind === 'map-lookup') detail = m.ruleN(h.ruleIndex + 1);
  if (h.kind === 'skipped') detail = `${m.ruleN(h.fromIndex + 1)}–${h.toIndex + 1}`;
  return (
    <p className="pk-location" data-testid="packet-location">
      <Icon name="pin" /> 
      {parts.map((p, i) => (
        <span key={i}>
          {i > 0 && <span className="pk-crumb-sep"> › </span>}
          <code>{p}</code>
        </span>
      ))}
      {detail && <span className="pk-muted"> · {detail}</span>}
    </p>
  );
}

const addr = (h: Header, side: 'src' | 'dst'): string => (side === 'src' ? `${h.src}:${h.sport}` : `${h.dst}:${h.dport}`);

/** The change in one line: `dst 10.200.1.100:9000 → 10.10.2.2:80`. */
function changeLine(before: Header, after: Header, m: PacketMessages): string {
  const parts: string[] = [];
  if (before.src !== after.src || before.sport !== after.sport) parts.push(`${m.fields.src} ${addr(before, 'src')} → ${addr(after, 'src')}`);
  if (before.dst !== after.dst || before.dport !== after.dport) parts.push(`${m.fields.dst} ${addr(before, 'dst')} → ${addr(after, 'dst')}`);
  if (before.mark !== after.mark) parts.push(`${m.fields.mark} ${before.mark} → ${after.mark}`);
  return parts.join(' · ');
}

function RuleText({ hop }: { readonly hop: HopView }) {
  if (hop.kind !== 'rule') return null;
  return (
    <p className="pk-rule">
      <code>{hop.rule}</code>
    </p>
  );
}

/** A map lookup as a row of its own: the map, the key the packet made, and the element's verdict (or none). */
function MapLookup({ hop, m }: { readonly hop: Extract<HopView, { kind: 'map-lookup' }>; readonly m: PacketMessages }) {
  return (
    <p className="pk-lookup" data-testid="map-lookup">
      <span className="pk-lookup-map">
        <span className="pk-muted">{m.lookupMap} </span>
        <code>{hop.map === '{…}' ? m.anonymousMap : `@${hop.map}`}</code>
      </span>
      <span className="pk-lookup-key">
        <span className="pk-muted">{m.lookupKey} </span>
        <code>{hop.key}</code>
      </span>
      <span className={`pk-lookup-verdict${hop.verdict === undefined ? ' is-miss' : ''}`}>
        <span aria-hidden="true">→ </span>
        {hop.verdict === undefined ? <span>{m.noElement}</span> : <code>{hop.verdict}</code>}
      </span>
    </p>
  );
}

function Outcome({ trace, m, lang }: { readonly trace: TraceView; readonly m: PacketMessages; readonly lang: Lang }) {
  const ep = trace.endpoint;
  return (
    <dl className="pk-outcome" data-testid="packet-outcome">
      <div>
        <dt>{m.outcome}</dt>
        <dd className={`fate-${trace.outcome}`}>
          <span aria-hidden="true">{trace.outcome === 'delivered' ? '✓ ' : '✕ '}</span>
          {outcomeWord(trace.outcome, lang)}
        </dd>
      </div>
      <div>
        <dt>{m.endpoint}</dt>
        <dd>{ep ? `${ep.pod ?? ep.ip} ${ep.ip}:${ep.port}${ep.node ? ` (${ep.node})` : ''}` : m.noEndpoint}</dd>
      </div>
      {trace.seenSource && (
        <div>
          <dt>{m.seenSource}</dt>
          <dd>
            {trace.seenSource.ip}:{trace.seenSource.port}
          </dd>
        </div>
      )}
      <div>
        <dt>{m.rulesEvaluated}</dt>
        <dd>{trace.rulesEvaluated}</dd>
      </div>
    </dl>
  );
}

/** The Packet region once a packet is sent: the current hop's header before → after, where it is, and how the packet ends. */
export default function PacketDetails({ cur }: { readonly cur: CurrentStep }) {
  const m = usePacketText();
  const lang = useLabStore((s) => s.lang);
  const { packet, hop } = cur;
  const header = headerAt(packet, cur.step.hop);
  const effect = hopEffect(hop, lang);
  const kind = changeKind(hop);
  const ctstate = hopCtstate(hop);
  const lastHop = isLastHop(cur.trace, cur.step);
  // The connection's outcome is known once its first packet has gone all the way.
  const firstDone = cur.step.packet > 0 || lastHop;
  const change = header ? changeLine(header.before, header.after, m) : '';
  const fate = lastHop ? fateText(packet, lang) : undefined;
  return (
    // data-step: the playback step this view describes. It follows the timeline one render later
    // (useDescribedStep), so a test that reads the panel after a Step waits for it to match.
    <div className="packet-panel" data-testid="packet-panel" data-step={cur.index}>
      <div className="pk-head">
        <span className={`pk-label pk-chip-${packet.direction}`}>
          <span aria-hidden="true">{packet.direction === 'original' ? '→ ' : '← '}</span>
          {packetLabel(packet.label, lang)}
        </span>
        <span className="pk-muted">
          {directionWord(packet.direction, lang)}
          {packet.tcpFlags ? ` · ${packet.tcpFlags.join(' ')}` : ''}
        </span>
        {ctstate && <span className="pk-badge">ctstate {ctstate}</span>}
      </div>
      <Location cur={cur} m={m} />
      {/* A lookup's point is its key and verdict: shown first, where a short screen still has room. */}
      {hop.kind === 'map-lookup' && <MapLookup hop={hop} m={m} />}
      <p className={`pk-effect fx-${effect.kind}`} data-testid="packet-effect">
        <span className="fx-badge">
          <span aria-hidden="true">{EFFECT_ICON[effect.kind]} </span>
          {effect.word}
        </span>
        {change ? <span className="pk-change">{change}</span> : <span className="pk-muted">{m.unchanged}</span>}
      </p>
      {header && <HeaderTable protocol={packet.protocol} before={header.before} after={header.after} changed={header.changed} m={m} {...(kind ? { kind, word: effect.word } : {})} />}
      <RuleText hop={hop} />
      {fate && (
        <p className="pk-fate" data-testid="packet-fate">
          <strong>{m.fate}:</strong>{' '}
          <span className={`fate-${packet.fate.kind}`}>
            <span aria-hidden="true">{packet.fate.kind === 'delivered' ? '✓ ' : '✕ '}</span>
            {fate.text}
          </span>
          {fate.rule && (
            <>
              {' '}
              <code className="pk-fate-rule">{fate.rule}</code>
            </>
          )}
        </p>
      )}
      {firstDone && <Outcome trace={cur.trace} m={m} lang={lang} />}
    </div>
  );
}
