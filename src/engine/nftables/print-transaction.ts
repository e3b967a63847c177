/**
 * A ruleset as one `nft -f` transaction that creates it in an empty kernel: tables, then sets and maps
 * with their elements, then chains, then rules — declarations before what names them, as kube-proxy
 * orders its own transactions. Rule and element text is the listing's (nft reads it back the same).
 */
import type { NftChain, NftRuleset, NftSet } from './model';
import { priorityText } from './print-list';
import { elementText, ruleText } from './print-rule';
import { formatDuration } from './time';

function setDecl(prefix: string, s: NftSet): string {
  const props = [`type ${s.keyType.join(' . ')}${s.kind === 'map' ? ' : verdict' : ''}`];
  if (s.size !== undefined) props.push(`size ${s.size}`);
  if (s.flags.length > 0) props.push(`flags ${s.flags.join(',')}`);
  if (s.timeoutMs !== undefined) props.push(`timeout ${formatDuration(s.timeoutMs)}`);
  if (s.comment !== undefined) props.push(`comment "${s.comment}"`);
  return `add ${s.kind} ${prefix} ${s.name} { ${props.join(' ; ')} ; }`;
}

function chainDecl(prefix: string, c: NftChain): string {
  const props: string[] = [];
  if (c.base) props.push(`type ${c.base.type} hook ${c.base.hook} priority ${priorityText(c.base.priority, c.base.hook)}`, `policy ${c.base.policy}`);
  if (c.comment !== undefined) props.push(`comment "${c.comment}"`);
  return props.length > 0 ? `add chain ${prefix} ${c.name} { ${props.join(' ; ')} ; }` : `add chain ${prefix} ${c.name}`;
}

export function printTransaction(r: NftRuleset): string {
  const lines: string[] = [];
  for (const t of r.tables) {
    const prefix = `${t.family} ${t.name}`;
    lines.push(t.comment !== undefined ? `add table ${prefix} { comment "${t.comment}" ; }` : `add table ${prefix}`);
    for (const s of t.sets) {
      lines.push(setDecl(prefix, s));
      if (s.elements.length > 0) lines.push(`add element ${prefix} ${s.name} { ${s.elements.map((e) => elementText(e, undefined)).join(', ')} }`);
    }
    for (const c of t.chains) lines.push(chainDecl(prefix, c));
    for (const c of t.chains) for (const rule of c.rules) lines.push(`add rule ${prefix} ${c.name} ${ruleText(rule)}`);
  }
  return lines.map((l) => `${l}\n`).join('');
}
