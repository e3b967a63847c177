/**
 * fast-check generators of kube-proxy-shaped nft transactions (Services with ClusterIPs, endpoints behind
 * `numgen random mod N vmap`, session-affinity sets with `update`, external chains, NodePorts, no-endpoint
 * entries with comments, the base chains at their priorities) plus a chain of assorted statements the
 * model knows. Every generated text is valid for the real `nft -f` (declarations first), for the kernel
 * check and the round-trip properties. Test support only.
 */
import fc from 'fast-check';
import { formatIpv4, ipv4 } from '../ipv4';

const octet = fc.integer({ min: 1, max: 254 });
const address = fc.tuple(octet, fc.nat(255), fc.nat(255), octet).map(([a, b, c, d]) => formatIpv4(ipv4(((a << 24) | (b << 16) | (c << 8) | d) >>> 0)));
const port = fc.integer({ min: 1, max: 65535 });
const proto = fc.constantFrom('tcp', 'udp', 'sctp');

interface Service {
  readonly clusterIp: string;
  readonly proto: string;
  readonly port: number;
  readonly endpoints: readonly { ip: string; port: number }[];
  readonly affinity: boolean;
  readonly nodePort?: number;
  readonly externalIp?: string;
}

const service: fc.Arbitrary<Service> = fc.record(
  {
    clusterIp: fc.tuple(fc.nat(255), octet).map(([c, d]) => `172.30.${c}.${d}`),
    proto,
    port,
    endpoints: fc.uniqueArray(fc.record({ ip: fc.tuple(fc.nat(255), octet).map(([c, d]) => `10.180.${c}.${d}`), port }), { maxLength: 4, selector: (e) => e.ip }),
    affinity: fc.boolean(),
    nodePort: fc.integer({ min: 30000, max: 32767 }),
    externalIp: address,
  },
  { requiredKeys: ['clusterIp', 'proto', 'port', 'endpoints', 'affinity'] },
);

const hex = (n: number): string => `0x${n.toString(16)}`;
const mark = fc.integer({ min: 1, max: 0xffff });
const prefix = fc.tuple(address, fc.integer({ min: 8, max: 32 })).map(([a, len]) => {
  const n = a.split('.').reduce((x, o) => x * 256 + Number(o), 0);
  const mask = len === 0 ? 0 : (0xffffffff << (32 - len)) >>> 0;
  return len === 32 ? formatIpv4(ipv4(n)) : `${formatIpv4(ipv4((n & mask) >>> 0))}/${len}`;
});

/** Statements for the `extras` chain (a filter context: no NAT there). */
const extraRule: fc.Arbitrary<string> = fc.oneof(
  fc.subarray(['new', 'established', 'related', 'invalid'], { minLength: 1 }).map((s) => `ct state ${s.join(',')} accept`),
  fc.uniqueArray(fc.constantFrom('new', 'established', 'related'), { minLength: 2 }).map((s) => `ct state { ${s.join(', ')} } accept`),
  fc.tuple(mark, mark).map(([m, v]) => `mark and ${hex(m)} == ${hex(v & m)} return`),
  fc.tuple(mark, fc.boolean()).map(([m, or]) => `mark set mark ${or ? 'or' : 'xor'} ${hex(m)}`),
  fc.tuple(prefix, fc.nat(1000), fc.nat(100000)).map(([p, pk, b]) => `ip saddr ${p} counter packets ${pk} bytes ${b} accept`),
  fc.uniqueArray(prefix, { minLength: 1, maxLength: 4 }).map((ps) => `ip daddr != { ${ps.join(', ')} } drop`),
  fc.constantFrom('port-unreachable', 'host-unreachable', 'net-unreachable', 'admin-prohibited').map((c) => `reject with icmp type ${c}`),
  fc.constant('meta l4proto tcp reject with tcp reset'),
  fc.constantFrom('local', 'broadcast', 'multicast').map((t) => `fib daddr type ${t} accept`),
  fc.tuple(fc.constantFrom('tcp', 'udp', 'th'), fc.uniqueArray(port, { minLength: 1, maxLength: 6 })).map(([p, ps]) => `${p} dport ${ps.length === 1 ? ps[0] : `{ ${ps.join(', ')} }`} accept`),
  fc.constantFrom('eth0', 'lo', 'cni0').map((i) => `iifname "${i}" accept`),
  fc.integer({ min: 1, max: 4 }).map((n) => `numgen inc mod ${n} vmap { ${Array.from({ length: n }, (_, i) => `${i} : ${['accept', 'drop', 'return'][i % 3]}`).join(', ')} }`),
  fc.constant('counter drop comment "the end"'),
  fc.constantFrom('echo-request', 'echo-reply', 'destination-unreachable', 'time-exceeded').map((t) => `icmp type ${t} accept`),
  fc.constant('icmp type { echo-request, echo-reply } accept'),
  fc.constant('meta l4proto icmp icmp type destination-unreachable accept'),
  fc.tuple(fc.constantFrom('tcp', 'udp'), port).map(([p, n]) => `meta l4proto ${p} th dport ${n} accept`),
  fc.tuple(fc.constantFrom('', ' prefix "kpl: "', ' prefix "drop " level warn', ' level info'), fc.boolean()).map(([l, ok]) => `log${l}${ok ? ' accept' : ''}`),
);

/** Statements for `nat-extras`, jumped to from nat-postrouting (a NAT context). */
const natExtraRule: fc.Arbitrary<string> = fc.oneof(
  address.map((a) => `snat to ${a}`),
  fc.subarray(['random', 'fully-random', 'persistent'], { minLength: 1 }).map((f) => `masquerade ${f.join(',')}`),
  fc.subarray(['expected', 'seen-reply', 'assured', 'confirmed', 'snat', 'dnat'], { minLength: 1 }).map((f) => `ct status ${f.join(',')} accept`),
  mark.map((m) => `ct mark set ${hex(m)}`),
  mark.map((m) => `meta mark set ${m}`),
  fc.constantFrom('tcp', 'udp').map((p) => `ip protocol ${p} accept`),
);

/** Interval-set elements: disjoint /24s, some as ranges (aligned ones list as prefixes), some single addresses. */
const intervalElements: fc.Arbitrary<string[]> = fc
  .uniqueArray(fc.tuple(fc.nat(255), fc.constantFrom('prefix', 'aligned', 'range', 'single', 'one')), { minLength: 1, maxLength: 6, selector: ([n]) => n })
  .map((xs) =>
    xs.map(([n, form]) => {
      const net = `10.77.${n}`;
      switch (form) {
        case 'prefix':
          return `${net}.0/24`;
        case 'aligned':
          return `${net}.0-${net}.255`;
        case 'range':
          return `${net}.3-${net}.200`;
        case 'single':
          return `${net}.7`;
        default:
          return `${net}.9-${net}.9`;
      }
    }),
  );

const priority = fc.integer({ min: -400, max: 400 });

export const arbitraryKubeProxyTransaction: fc.Arbitrary<string> = fc
  .record({
    services: fc.uniqueArray(service, { minLength: 1, maxLength: 6, selector: (s) => s.clusterIp }),
    extras: fc.array(extraRule, { maxLength: 8 }),
    natExtras: fc.array(natExtraRule, { maxLength: 4 }),
    allowed: intervalElements,
    extraPriority: priority,
    timeoutSeconds: fc.integer({ min: 1, max: 86400 }),
    unallocated: fc.constantFrom('172.30.0.0/16', '10.96.0.0/12'),
  })
  .map(({ services, extras, natExtras, allowed, extraPriority, timeoutSeconds, unallocated }) => {
    const T = 'ip kube-proxy';
    const decl: string[] = [
      `add table ${T} { comment "rules for kube-proxy" ; }`,
      `add set ${T} cluster-ips { type ipv4_addr ; comment "Active ClusterIPs" ; }`,
      `add set ${T} nodeport-ips { type ipv4_addr ; comment "IPs that accept NodePort traffic" ; }`,
      `add map ${T} no-endpoint-services { type ipv4_addr . inet_proto . inet_service : verdict ; comment "vmap to drop or reject packets to services with no endpoints" ; }`,
      `add map ${T} service-ips { type ipv4_addr . inet_proto . inet_service : verdict ; comment "ClusterIP, ExternalIP and LoadBalancer IP traffic" ; }`,
      `add map ${T} service-nodeports { type inet_proto . inet_service : verdict ; comment "NodePort traffic" ; }`,
      `add chain ${T} cluster-ips-check`,
      `add chain ${T} filter-input { type filter hook input priority 0 ; }`,
      `add chain ${T} filter-output-pre-dnat { type filter hook output priority -110 ; }`,
      `add chain ${T} nat-prerouting { type nat hook prerouting priority -100 ; }`,
      `add chain ${T} nat-output { type nat hook output priority -100 ; }`,
      `add chain ${T} nat-postrouting { type nat hook postrouting priority 100 ; }`,
      `add chain ${T} extras-base { type filter hook forward priority ${extraPriority} ; policy accept ; }`,
      `add chain ${T} extras`,
      `add chain ${T} nat-extras`,
      `add set ${T} allowed { type ipv4_addr ; flags interval ; comment "disjoint ranges" ; }`,
      `add chain ${T} mark-for-masquerade`,
      `add chain ${T} masquerading`,
      `add chain ${T} reject-chain { comment "helper for @no-endpoint-services / @no-endpoint-nodeports" ; }`,
      `add chain ${T} services`,
    ];
    const rest: string[] = [
      `add rule ${T} cluster-ips-check ip daddr @cluster-ips reject comment "Reject traffic to invalid ports of ClusterIPs"`,
      `add rule ${T} cluster-ips-check ip daddr { ${unallocated} } drop comment "Drop traffic to unallocated ClusterIPs"`,
      `add rule ${T} filter-input ct state new jump cluster-ips-check`,
      `add rule ${T} filter-output-pre-dnat ct state new ip daddr . meta l4proto . th dport vmap @no-endpoint-services`,
      `add rule ${T} extras-base jump extras`,
      ...extras.map((r) => `add rule ${T} extras ${r}`),
      `add rule ${T} extras ip saddr @allowed accept`,
      `add element ${T} allowed { ${allowed.join(', ')} }`,
      `add rule ${T} nat-postrouting jump nat-extras`,
      ...natExtras.map((r) => `add rule ${T} nat-extras ${r}`),
      `add rule ${T} mark-for-masquerade mark set mark or 0x4000`,
      `add rule ${T} masquerading mark and 0x4000 == 0 return`,
      `add rule ${T} masquerading mark set mark xor 0x4000`,
      `add rule ${T} masquerading masquerade fully-random`,
      `add rule ${T} nat-prerouting jump services`,
      `add rule ${T} nat-output jump services`,
      `add rule ${T} nat-postrouting jump masquerading`,
      `add rule ${T} reject-chain reject`,
      `add rule ${T} services ip daddr . meta l4proto . th dport vmap @service-ips`,
      `add rule ${T} services ip daddr @nodeport-ips meta l4proto . th dport vmap @service-nodeports`,
      `add element ${T} nodeport-ips { 192.168.0.2 }`,
    ];
    // One element per key: `add element` with a taken key and another verdict is refused by the kernel.
    const keys = new Set<string>();
    const once = (key: string): boolean => !keys.has(key) && Boolean(keys.add(key));
    services.forEach((s, i) => {
      const name = `ns${i}/svc${i}/${s.proto}/p${s.port}`;
      const svcChain = `service-H${i}-${name}`;
      rest.push(`add element ${T} cluster-ips { ${s.clusterIp} }`);
      if (s.endpoints.length === 0) {
        rest.push(`add element ${T} no-endpoint-services { ${s.clusterIp} . ${s.proto} . ${s.port} comment "ns${i}/svc${i}:p${s.port}" : goto reject-chain }`);
        return;
      }
      decl.push(`add chain ${T} ${svcChain}`);
      rest.push(`add rule ${T} ${svcChain} ip daddr ${s.clusterIp} ip saddr != 10.0.0.0/8 jump mark-for-masquerade`);
      const eps = s.endpoints.map((e, j) => ({ ...e, chain: `endpoint-E${i}x${j}-${name}__${e.ip}/${e.port}`, set: `affinity-E${i}x${j}-${name}__${e.ip}/${e.port}` }));
      for (const e of eps) {
        decl.push(`add chain ${T} ${e.chain}`);
        if (s.affinity) {
          decl.push(`add set ${T} ${e.set} { type ipv4_addr ; flags dynamic,timeout ; timeout ${timeoutSeconds}s ; }`);
          rest.push(`add rule ${T} ${svcChain} ip saddr @${e.set} goto ${e.chain}`);
        }
        rest.push(`add rule ${T} ${e.chain} ip saddr ${e.ip} jump mark-for-masquerade`);
        if (s.affinity) rest.push(`add rule ${T} ${e.chain} update @${e.set} { ip saddr }`);
        rest.push(`add rule ${T} ${e.chain} meta l4proto ${s.proto} dnat to ${e.ip}:${e.port}`);
      }
      rest.push(`add rule ${T} ${svcChain} numgen random mod ${eps.length} vmap { ${eps.map((e, j) => `${j} : goto ${e.chain}`).join(' , ')} }`);
      if (once(`${s.clusterIp} . ${s.proto} . ${s.port}`)) rest.push(`add element ${T} service-ips { ${s.clusterIp} . ${s.proto} . ${s.port} : goto ${svcChain} }`);
      if (s.nodePort !== undefined && once(`${s.proto} . ${s.nodePort}`)) rest.push(`add element ${T} service-nodeports { ${s.proto} . ${s.nodePort} : goto ${svcChain} }`);
      if (s.externalIp !== undefined && once(`${s.externalIp} . ${s.proto} . ${s.port}`)) rest.push(`add element ${T} service-ips { ${s.externalIp} . ${s.proto} . ${s.port} : goto ${svcChain} }`);
    });
    return [...decl, ...rest].map((l) => `${l}\n`).join('');
  });
