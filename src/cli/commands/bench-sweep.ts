import type { SweepBenchResult } from '../../../bench/scale-sweep';
import { count, duration, table } from './bench';

const MODE_NAME = { iptables: 'iptables', nftables: 'nftables', ipvs: 'IPVS' } as const;

/** `kpl bench --sweep` as tables: the scale lab's chart in numbers, then the sweep's own time against its target. */
export function sweepBenchTable(r: SweepBenchResult): string {
  const out: string[] = [];
  out.push(`Kube Packet Lab scale sweep — ${r.date.slice(0, 10)}`);
  out.push(`node ${r.machine.node}, ${r.machine.cpus} × ${r.machine.cpuModel}`);
  out.push(
    `Synthetic one-node kind clusters: N Services × ${r.endpointsPerService} endpoint; pod client → Service web, whose rule sorts last in KUBE-SERVICES.`,
  );
  out.push('');
  out.push('A new connection (its first packet, every rule and lookup the evaluators report)');
  out.push(
    table(
      ['Services', 'mode', 'rules', 'map lookups', 'IPVS lookups', 'rules + lookups', 'modelled µs'],
      r.points.map((p) => [count(p.services), MODE_NAME[p.mode], count(p.connection.rules), count(p.connection.mapLookups), count(p.connection.ipvsLookups), count(p.connection.total), p.modelledLatencyUs.toFixed(1)]),
    ),
  );
  out.push(`modelled µs: ${r.model.baseUs} µs + ${r.model.perRuleNs} ns × (rules + lookups), fitted to the Kubernetes blog post "NFTables mode for kube-proxy" (2025-02-28); a model, not a measurement.`);
  out.push('');
  out.push('Programming work (one node)');
  out.push(
    table(
      ['Services', 'mode', 'lines written', 'rules', 'chains', 'sets/maps', 'elements', 'virtual servers', 'real servers', 'generate + load', 'point wall', 'point cpu'],
      r.points.map((p) => [
        count(p.services),
        MODE_NAME[p.mode],
        count(p.work.lines),
        count(p.work.rules),
        count(p.work.chains),
        count(p.work.setsAndMaps),
        count(p.work.elements),
        count(p.work.virtualServers),
        count(p.work.realServers),
        duration(p.work.generateAndLoadMs),
        duration(p.wallMs),
        duration(p.cpuMs),
      ]),
    ),
  );
  out.push('lines written: iptables-restore lines (:CHAIN and -A); nft -f `add` lines; IPVS: one per virtual server, real server and ipset entry, plus its iptables-restore lines.');
  out.push('generate + load: kube-proxy\'s rules generated and loaded into the simulated kernel; point: that plus the counts and the traced connection.');
  out.push('');
  if (r.kernel) {
    const k = r.kernel;
    out.push(
      k.ok
        ? `This machine's kernel (${k.version}): ${k.rows.map((row) => `${count(row.rules)} rules: RTT min ${row.minMs} / avg ${row.avgMs} ms`).join('; ')} — ${k.nsPerRuleMin} ns per rule (min), ${k.nsPerRuleAvg} ns (avg); ping -f over lo through N non-matching filter OUTPUT rules, 2 × N per round trip.`
        : `This machine's kernel: not measured — ${k.reason}.`,
    );
    out.push('');
  }
  const met = r.wallMs <= r.targetMs;
  out.push(`Whole sweep (${r.sizes.map((n) => count(n)).join(', ')} Services × 3 modes): wall ${duration(r.wallMs)}, cpu ${duration(r.cpuMs)}; target ≤ ${duration(r.targetMs)}: ${met ? 'met' : 'above'}.`);
  return `${out.join('\n')}\n`;
}
