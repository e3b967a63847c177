/**
 * `nft list ruleset` as nft 1.0.6 prints it: per table its comment, then sets and maps, then chains (in
 * creation order, a blank line between objects), tabs for indentation, base chains' priorities by name
 * where one is within 10 (`dstnat - 10`; a name only where valid for the hook), elements in the kernel's
 * order and wrapped as nft wraps them (calculate_delim: 2 addresses, 5 ports or protocols a line,
 * one concatenation a line).
 */
import type { NftChain, NftHook, NftRuleset, NftSet, NftTable, NftType } from './model';
import { STANDARD_PRIORITIES } from './parse-decl';
import { elementText, ruleText } from './print-rule';
import { formatDuration } from './time';

export function priorityText(priority: number, hook: NftHook): string {
  for (const p of STANDARD_PRIORITIES) {
    if (p.hooks && !p.hooks.includes(hook)) continue;
    const offset = priority - p.value;
    if (offset === 0) return p.name;
    if (offset >= -10 && offset <= 10) return `${p.name} ${offset > 0 ? '+' : '-'} ${Math.abs(offset)}`;
  }
  return String(priority);
}

/** How many elements nft puts on one line before wrapping, by the key's type. */
function perLine(keyType: readonly NftType[]): number {
  if (keyType.length > 1) return 1;
  switch (keyType[0]) {
    case 'ipv4_addr':
    case 'ct_state':
    case 'ct_status':
      return 2;
    case 'inet_proto':
    case 'inet_service':
    case 'mark':
    case 'integer':
      return 5;
    default:
      return 1;
  }
}

const WRAP = ',\n\t\t\t     ';

function setText(s: NftSet): string {
  const lines = [`\t${s.kind} ${s.name} {`, `\t\ttype ${s.keyType.join(' . ')}${s.kind === 'map' ? ' : verdict' : ''}`];
  if (s.size !== undefined) lines.push(`\t\tsize ${s.size}`);
  if (s.flags.length > 0) lines.push(`\t\tflags ${s.flags.join(',')}`);
  if (s.timeoutMs !== undefined) lines.push(`\t\ttimeout ${formatDuration(s.timeoutMs)}`);
  if (s.comment !== undefined) lines.push(`\t\tcomment "${s.comment}"`);
  if (s.elements.length > 0) {
    const n = perLine(s.keyType);
    let body = '';
    s.elements.forEach((e, i) => {
      if (i > 0) body += i % n === 0 ? WRAP : ', ';
      body += elementText(e, s.timeoutMs);
    });
    lines.push(`\t\telements = { ${body} }`);
  }
  lines.push('\t}');
  return lines.join('\n');
}

function chainText(c: NftChain): string {
  const lines = [`\tchain ${c.name} {`];
  if (c.comment !== undefined) lines.push(`\t\tcomment "${c.comment}"`);
  if (c.base) lines.push(`\t\ttype ${c.base.type} hook ${c.base.hook} priority ${priorityText(c.base.priority, c.base.hook)}; policy ${c.base.policy};`);
  for (const r of c.rules) lines.push(`\t\t${ruleText(r)}`);
  lines.push('\t}');
  return lines.join('\n');
}

export function printTable(t: NftTable): string {
  const head = [`table ${t.family} ${t.name} {`];
  if (t.comment !== undefined) head.push(`\tcomment "${t.comment}"`);
  const objects = [...t.sets.map(setText), ...t.chains.map(chainText)];
  return `${[...head, objects.join('\n\n')].filter((x) => x !== '').join('\n')}\n}\n`;
}

export function printNftList(r: NftRuleset): string {
  return r.tables.map(printTable).join('');
}
