import type { NftablesBenchResult } from '../../../bench/nftables';
import { count, size, table, timing } from './bench';

/** `kpl bench --mode nftables` as tables: generation beside iptables, and the real nft's load time. */
export function nftablesBenchTable(r: NftablesBenchResult): string {
  const out: string[] = [];
  out.push(`Kube Packet Lab nftables benchmark${r.quick ? ' (quick)' : ''} — ${r.date.slice(0, 10)}`);
  out.push('Times are medians, p95 in brackets (the slowest run when there are fewer than 20).');
  out.push('');
  out.push(`Rules (node ${r.sizes[0]?.node ?? '-'}): iptables restore text beside kube-proxy's nftables transaction`);
  out.push(
    table(
      ['services × endpoints', 'iptables rules', 'restore text', 'generate', 'nft lines', 'nft rules', 'elements', 'transaction', 'generate', 'explanations', 'nft -f'],
      r.sizes.map((s) => [
        `${count(s.services)} × ${s.endpointsPerService}`,
        count(s.iptables.rules), size(s.iptables.bytes), timing(s.iptables.generate),
        count(s.nftables.lines), count(s.nftables.rules), count(s.nftables.elements), size(s.nftables.bytes), timing(s.nftables.generate), timing(s.nftables.explain),
        s.nftables.kernel ? timing(s.nftables.kernel) : '-',
      ]),
    ),
  );
  out.push('nft lines: the transaction\'s add commands (tables, sets, maps, chains, rules, elements); explanations: every rule\'s and element\'s meaning, made on first read.');
  out.push(
    r.kernel.available
      ? `nft -f: ${r.kernel.version}, loading the transaction into a fresh namespace (unshare -n).`
      : `nft -f: skipped — ${r.kernel.reason}.`,
  );
  out.push('', ...evaluatedTable(r));
  return `${out.join('\n')}\n`;
}

/** Rules evaluated per new connection, the three modes side by side (bench/evaluated.ts). */
function evaluatedTable(r: NftablesBenchResult): string[] {
  return [
    'Rules evaluated per new connection: the SYN of pod client → service web (last in KUBE-SERVICES), every node it crosses',
    table(
      ['services × endpoints', 'iptables rules', 'nftables rules', 'map lookups', 'nftables total', 'ipvs rules', 'ipvs lookups', 'ipvs total'],
      r.sizes.map((s) => {
        const e = s.evaluated;
        return [`${count(s.services)} × ${s.endpointsPerService}`, count(e.iptables.total), count(e.nftables.rules), count(e.nftables.lookups), count(e.nftables.total), count(e.ipvs.rules), count(e.ipvs.ipvs), count(e.ipvs.total)];
      }),
    ),
    'rules: rules and chain policies read one by one (kubelet\'s and kindnet\'s iptables rules included in every mode); map lookups: nftables vmap lookups, one hash lookup each;',
    'ipvs lookups: the virtual server looked up and a real server scheduled. iptables mode\'s count grows with the Services (its KUBE-SERVICES walk); the others stay flat.',
  ];
}
