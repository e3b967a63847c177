/** `kpl diff --dump` as text: one block per Service that differs, one line per Service that does not. */
import type { DumpDiff, RuleDiff, ServiceDiff } from './diff';
import { NODE_WIDE } from './diff';

/** Why two names for one Service's chain differ, from what the node's names hash (chain-names-check.ts). */
export function namesText(service: string, n: NonNullable<ServiceDiff['names']>): string {
  // iptables names hash the text kube-proxy writes in the comment; nftables names carry the hashed text after the hash.
  const hashed = n.nft ? 'kube-proxy names an nftables chain by the hash of the text it puts after it' : 'kube-proxy hashes the same text it writes in the comment';
  const own = n.nft ? 'their own text' : 'their comments';
  if (n.unexplained.length > 0) {
    const svc = n.unexplained.find((c) => c.chain.startsWith('KUBE-SVC-') || c.chain.startsWith('service-'));
    const what = svc ? `"${service}" with ${svc.expectedProtocol} gives ${svc.expected}, not ${svc.chain}, and no protocol (tcp, udp, sctp) gives ${svc.chain}` : `no protocol gives their names from "${service}"`;
    const others = n.others.checked > 0 ? `, while ${n.others.consistent} of the ${n.others.checked} chains of its other Services do` : '';
    return (
      `${hashed}: ${what}; ${n.unexplained.length} of the node's ${n.checked} chains for ${service} do not match ${own}${others}. ` +
      `The Service (or its namespace) was most likely renamed in the text after the node printed it (notes often change names), so names cannot be compared here: endpoints are compared by address`
    );
  }
  if (n.protocol && n.yamlProtocol && n.protocol !== n.yamlProtocol) return `the node's names hash ${service} with ${n.protocol}, the YAML's with ${n.yamlProtocol}: the port's protocol differs`;
  return `the name hashes the Service port's name and protocol, so the port is probably named differently`;
}

const ruleLine = (sign: '-' | '+', r: RuleDiff): string =>
  `      ${sign} ${r.table === 'nat' ? '' : `${r.table}: `}${r.text}${r.counters ? `  ${r.counters}` : ''}${r.line !== undefined ? `  (line ${r.line})` : ''}`;

export function diffText(d: DumpDiff, labels: { readonly dump: string; readonly scenario: string }): string {
  const lines: string[] = [`kube-proxy's rules for ${d.node} in ${labels.scenario}${d.mode ? ` (${d.mode} mode)` : ''} (-) against ${labels.dump} (+)`];
  if (d.cutLines.length) lines.push(`  the dump is cut at line${d.cutLines.length > 1 ? 's' : ''} ${d.cutLines.join(', ')}: what it left out shows as missing`);
  for (const t of d.tablesNotInDump) lines.push(`  the dump has no ${t} table: it is not compared`);
  lines.push('');
  const same = d.services.filter((s) => s.same);
  for (const s of d.services) {
    if (s.same) continue;
    const name = s.service === NODE_WIDE ? 'node-wide rules' : s.service;
    if (s.presence === 'node') {
      lines.push(`  ${name}: only on your node, the YAML has no such Service (${s.extraRules.length} rules; ${s.extraChains.join(', ') || 'no chains of its own'})`);
      continue;
    }
    if (s.presence === 'yaml') {
      lines.push(`  ${name}: only in the YAML, your node has none of its ${s.missingRules.length} rules (${s.missingChains.join(', ') || 'no chains of its own'})`);
      continue;
    }
    lines.push(`  ${name}: differs`);
    for (const c of s.missingChains) lines.push(`    - ${c}: in the YAML, not on your node`);
    for (const c of s.extraChains) if (!c.startsWith('KUBE-SEP-')) lines.push(`    + ${c}: on your node, not in the YAML`);
    const stale = s.staleEndpointChains;
    if (stale.length)
      lines.push(
        `    your node has ${stale.length} KUBE-SEP chain${stale.length > 1 ? 's' : ''} for ${s.service} that no endpoint explains: stale endpoints? (${stale.map((c) => `${c.chain}${c.endpoint ? ` → ${c.endpoint}` : ''}`).join(', ')})`,
      );
    const e = s.endpointCounts;
    if (e && s.names) lines.push(`    the node calls it ${e.nodeChains.join(', ')}, the YAML ${e.yamlChains.join(', ')}: ${namesText(s.service, s.names)}`);
    if (e && e.node !== e.yaml) lines.push(`    ${e.nodeChains.join(', ') || e.yamlChains.join(', ')} has ${e.node} endpoint${e.node === 1 ? '' : 's'} here, ${e.yaml} in the YAML`);
    const byChain = new Map<string, { missing: RuleDiff[]; extra: RuleDiff[] }>();
    for (const r of s.missingRules) (byChain.get(`${r.table} ${r.chain}`) ?? byChain.set(`${r.table} ${r.chain}`, { missing: [], extra: [] }).get(`${r.table} ${r.chain}`)!).missing.push(r);
    for (const r of s.extraRules) (byChain.get(`${r.table} ${r.chain}`) ?? byChain.set(`${r.table} ${r.chain}`, { missing: [], extra: [] }).get(`${r.table} ${r.chain}`)!).extra.push(r);
    for (const [chain, { missing, extra }] of byChain) {
      lines.push(`    ${chain}`);
      for (const r of missing) lines.push(ruleLine('-', r));
      for (const r of extra) lines.push(ruleLine('+', r));
    }
  }
  if (same.length) lines.push(`  the same on both sides: ${same.map((s) => (s.service === NODE_WIDE ? 'node-wide rules' : `${s.service} (${s.ruleCount} rules)`)).join(', ')}`);
  if (d.otherChains.length) {
    const byOwner = new Map<string, string[]>();
    for (const c of d.otherChains) (byOwner.get(c.owner) ?? byOwner.set(c.owner, []).get(c.owner)!).push(c.chain);
    lines.push('', `  other components' chains on your node (not compared): ${[...byOwner].map(([o, cs]) => `${o}: ${[...new Set(cs)].join(', ')}`).join('; ')}`);
  }
  return `${lines.join('\n')}\n`;
}
