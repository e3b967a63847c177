/**
 * A model, not a measurement: what a new connection's first packet might cost in time, from the number of
 * rules and lookups the engine counts for it. Two constants, both derived from published kube-proxy figures:
 *
 * - the Kubernetes blog post "NFTables mode for kube-proxy" (Dan Winship, 2025-02-28) charts the first-packet
 *   latency (round-trip time, ms) of kube-proxy in iptables mode at the 1st, 50th, 90th and 99th percentile in
 *   clusters of 5,000, 10,000 and 30,000 Services (chart `iptables-only.svg`; the data came from the KubeCon
 *   NA 2024 talk "From Observability to Performance"). PUBLISHED_IPTABLES holds the bars as read off that
 *   chart's geometry (0.8 ms = 221 px, so ±0.004 ms).
 * - the same post says, in words: "In the clusters with 5000 and 10,000 Services, the average (p50) latency
 *   for nftables is about the same as the best-case (p01) latency for iptables", and that at 30,000 Services
 *   nftables' worst case beats iptables' best case "by a few microseconds"; and "the nftables mode has the same
 *   performance as IPVS mode (actually, slightly better)".
 *
 * So: a base cost (BASE_US, 12.5 µs: the nftables p50 ≈ iptables p01 at 5,000 and 10,000 Services) plus a cost per rule
 * or lookup evaluated (PER_RULE_NS), fitted by least squares to iptables' p50 bars on the assumption that the
 * median connection reads half of KUBE-SERVICES (kube-proxy writes Services in Go map order).
 */
/** First-packet latency in ms, iptables mode, read off the blog's chart. */
export const PUBLISHED_IPTABLES: readonly { readonly services: number; readonly p01: number; readonly p50: number; readonly p90: number; readonly p99: number }[] = [
  { services: 5000, p01: 0.014, p50: 0.047, p90: 0.119, p99: 0.152 },
  { services: 10_000, p01: 0.011, p50: 0.062, p90: 0.188, p99: 0.257 },
  { services: 30_000, p01: 0.04, p50: 0.271, p90: 0.492, p99: 0.713 },
];

export const LATENCY_SOURCES = {
  blog: {
    title: 'NFTables mode for kube-proxy (Kubernetes blog, 2025-02-28)',
    url: 'https://kubernetes.io/blog/2025/02/28/nftables-kube-proxy/',
  },
  /** The 2017 proposal that brought IPVS mode: how long adding one rule took as iptables grew. */
  ipvsProposal: {
    title: 'support ipvs mode for kube-proxy (kubernetes/community#692, 2017)',
    url: 'https://github.com/kubernetes/community/pull/692',
    /** "IPVS vs. IPTables Latency to Add Rules": number of services → rules → time to add a rule in iptables mode. */
    table: [
      { services: 1, rules: 8, iptables: '2ms' },
      { services: 5000, rules: 40_000, iptables: '11min' },
      { services: 20_000, rules: 160_000, iptables: '5hours' },
    ],
  },
} as const;

/** nftables' p50 at 5,000 and 10,000 Services ≈ iptables' p01 there (0.014 and 0.011 ms): 12.5 µs. */
export const BASE_US = ((PUBLISHED_IPTABLES[0]!.p01 + PUBLISHED_IPTABLES[1]!.p01) / 2) * 1000;

/** Least squares through the origin of (p50 − base) against N/2 rules read. */
function fitPerRuleNs(): number {
  let xy = 0;
  let xx = 0;
  for (const p of PUBLISHED_IPTABLES) {
    const x = p.services / 2;
    const y = p.p50 * 1000 - BASE_US;
    xy += x * y;
    xx += x * x;
  }
  return Math.round((xy / xx) * 1000 * 10) / 10;
}

/** About 16.4 ns per rule (or lookup) evaluated. */
export const PER_RULE_NS = fitPerRuleNs();

/**
 * The same cost per rule on the machine this lab was measured on (`kpl bench --sweep --calibrate`, bench/RESULTS.md):
 * a flood ping over lo through N non-matching `-d X/32 -p tcp --dport 80` rules in filter OUTPUT, iptables v1.8.9
 * (nf_tables backend), 2026-12-07. Shown beside the model, not used by it: a browser cannot time a kernel.
 */
export const CALIBRATED_HERE = { nsPerRuleMin: 7.4, nsPerRuleAvg: 9.4, iptables: 'iptables v1.8.9 (nf_tables)', date: '2026-12-07' } as const;

/** The model's first-packet latency in µs for the rules and lookups a connection's first packet needs. */
export function modelledLatencyUs(cost: { readonly total: number }): number {
  return Math.round((BASE_US + (cost.total * PER_RULE_NS) / 1000) * 10) / 10;
}
