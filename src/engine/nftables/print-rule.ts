/** A rule as `nft list ruleset` prints it (the same text is valid `add rule` input). */
import { formatIpv4 } from '../ipv4';
import type { MapElement, NftRule, Selector, SetElement, Statement, Value, Verdict } from './model';
import { formatDuration } from './time';
import { formatValue } from './values';

const hex8 = (n: number): string => `0x${(n >>> 0).toString(16).padStart(8, '0')}`;

export function selectorText(s: Selector): string {
  switch (s.kind) {
    case 'payload':
      return `${s.proto} ${s.field}`;
    case 'meta':
      return s.key === 'iifname' || s.key === 'oifname' ? s.key : `meta ${s.key}`;
    case 'ct':
      return `ct ${s.key}`;
    case 'fib':
      return `fib ${s.flag} type`;
    case 'numgen':
      return `numgen ${s.mode} mod ${s.mod}${s.offset !== 0 ? ` offset ${s.offset}` : ''}`;
    case 'concat':
      return s.parts.map(selectorText).join(' . ');
    case 'binop':
      return `${selectorText(s.left)} ${s.op} ${hex8(s.right)}`;
  }
}

export function verdictText(v: Verdict): string {
  return v.kind === 'jump' || v.kind === 'goto' ? `${v.kind} ${v.chain}` : v.kind;
}

export const mapElementText = (e: MapElement): string => `${formatValue(e.key)} : ${verdictText(e.verdict)}`;

/** One element as a set listing shows it (`key timeout 1h comment "…" : verdict`). */
export function elementText(e: SetElement, setTimeoutMs: number | undefined): string {
  let out = formatValue(e.key);
  if (e.timeoutMs !== undefined && e.timeoutMs !== setTimeoutMs) out += ` timeout ${formatDuration(e.timeoutMs)}`;
  if (e.expiresMs !== undefined) out += ` expires ${formatDuration(e.expiresMs)}`;
  if (e.comment !== undefined) out += ` comment "${e.comment}"`;
  if (e.verdict) out += ` : ${verdictText(e.verdict)}`;
  return out;
}

function rightText(r: Value | { kind: 'anonymous'; elements: readonly Value[] } | { kind: 'named'; name: string }): string {
  if (r.kind === 'named') return `@${r.name}`;
  if (r.kind === 'anonymous') return `{ ${r.elements.map(formatValue).join(', ')} }`;
  return formatValue(r);
}

export function statementText(s: Statement): string {
  switch (s.kind) {
    case 'match': {
      // nft shows `==` only after a bitwise expression, where leaving it out would read as part of the mask.
      const op = s.op === '!=' ? ' != ' : s.left.kind === 'binop' ? ' == ' : ' ';
      return `${selectorText(s.left)}${op}${rightText(s.right)}`;
    }
    case 'vmap':
      return `${selectorText(s.key)} vmap ${s.map.kind === 'named' ? `@${s.map.name}` : `{ ${s.map.elements.map(mapElementText).join(', ')} }`}`;
    case 'verdict':
      return verdictText(s.verdict);
    case 'counter':
      return `counter packets ${s.packets} bytes ${s.bytes}`;
    case 'set-update':
      return `${s.op} @${s.set} { ${selectorText(s.key)}${s.timeoutMs !== undefined ? ` timeout ${formatDuration(s.timeoutMs)}` : ''} }`;
    case 'dnat':
    case 'snat':
      return `${s.kind} to ${formatIpv4(s.address)}${s.port !== undefined ? `:${s.port}` : ''}`;
    case 'masquerade':
      return s.flags.length > 0 ? `masquerade ${s.flags.join(',')}` : 'masquerade';
    case 'mark-set':
      return `${s.target} mark set ${typeof s.value === 'number' ? hex8(s.value) : selectorText(s.value)}`;
    case 'reject':
      if (s.with.kind === 'tcp-reset') return 'reject with tcp reset';
      return s.with.code === 'port-unreachable' ? 'reject' : `reject with icmp ${s.with.code}`;
    case 'notrack':
      return 'notrack';
    case 'ipv6-only':
      return s.text;
    case 'log':
      return `log${s.prefix !== undefined ? ` prefix "${s.prefix}"` : ''}${s.level !== undefined ? ` level ${s.level}` : ''}`;
  }
}

export function ruleText(r: NftRule): string {
  const body = r.statements.map(statementText).join(' ');
  return r.comment !== undefined ? `${body} comment "${r.comment}"` : body;
}
