/**
 * fast-check generators of valid rulesets, for the property tests and the kernel check.
 * Test support only (imported by *.test.ts); kept beside the model it generates.
 */
import fc from 'fast-check';
import { BUILTIN_CHAINS } from '../netfilter/model';
import type { Chain, Match, Rule, Ruleset, TableName, Target, AddrType } from '../netfilter/model';
import { ipv4, prefixMask } from '../ipv4';
import type { ConntrackStateName, TcpFlag } from '../packet';

const u32 = fc.nat({ max: 0xffffffff });
const port = fc.integer({ min: 0, max: 65535 });
const portRange = fc.tuple(port, port).map(([a, b]) => ({ from: Math.min(a, b), to: Math.max(a, b) }));
const neg = <T>(arb: fc.Arbitrary<T>) => fc.record({ value: arb, invert: fc.boolean() });
const cidrOf = (minPrefix: number) => fc.tuple(u32, fc.integer({ min: minPrefix, max: 32 })).map(([a, p]) => ({ address: ipv4(a & prefixMask(p)), prefix: p }));
/**
 * `-s x/0` matches everything, so iptables drops it from the rule (the parser does too); `! -s x/0`
 * is refused by iptables-nft (RULE_APPEND: Invalid argument). A /0 is therefore only generated inverted,
 * and never for kernel runs.
 */
const kernelAddress = neg(cidrOf(1));
const anyAddress = fc.oneof({ arbitrary: kernelAddress, weight: 10 }, { arbitrary: fc.constant({ value: { address: ipv4(0), prefix: 0 }, invert: true }), weight: 1 });
const address = (kernelSafe: boolean) => (kernelSafe ? kernelAddress : anyAddress);
const word = fc.stringMatching(/^[A-Za-z][A-Za-z0-9_-]{0,14}$/);
const iface = fc.stringMatching(/^[a-z][a-z0-9]{0,8}\+?$/);
const printable = fc.stringMatching(/^[ -~]{0,40}$/);
// Built once: fc.stringMatching compiles its regex into an arbitrary, which costs milliseconds per call.
const nfacctName = fc.stringMatching(/^[a-z_]{1,20}$/);
const logPrefix = fc.stringMatching(/^[ -~]{1,20}$/);

// libxt_tcp refuses ECE and CWR (the model's TcpFlag has them for packets, not for rules).
const TCP_FLAGS: readonly TcpFlag[] = ['FIN', 'SYN', 'RST', 'PSH', 'ACK', 'URG'];
const CT: readonly ConntrackStateName[] = ['INVALID', 'NEW', 'RELATED', 'ESTABLISHED', 'UNTRACKED', 'SNAT', 'DNAT'];
const ADDR: readonly AddrType[] = ['UNICAST', 'LOCAL', 'BROADCAST', 'MULTICAST'];

/** A non-empty ordered subset, in the list's own order (the order iptables prints). */
const subset = <T>(all: readonly T[]) => fc.subarray([...all], { minLength: 1 });

type Proto = 'tcp' | 'udp' | 'sctp' | 'icmp' | undefined;

/**
 * libxt_tcp/udp treat 0:65535 and a NONE flag mask as "no condition" and drop them (the parser does too), so
 * they are not generated un-inverted. Inverted, iptables-nft 1.8.9 drops them as well (a quirk of its nft
 * translation, not modelled), and it drops a
 * `--tcp-flags` whose compare has bits outside its mask: kernel runs avoid both.
 */
const tcpUdpPorts = neg(portRange).filter((p) => p.invert || p.value.from !== 0 || p.value.to !== 65535);
// iptables-nft 1.8.9 also reads `! --sport 0:N` back as `--sport N+1:65535` (nft stores it as `>= N+1`).
const kernelTcpUdpPorts = neg(portRange).filter((p) => (p.value.from !== 0 || p.value.to !== 65535) && !(p.invert && p.value.from === 0 && p.value.to !== 0));
const tcpFlags = neg(fc.record({ mask: fc.subarray([...TCP_FLAGS]), compare: fc.subarray([...TCP_FLAGS]) })).filter((f) => f.invert || f.value.mask.length > 0);
const kernelTcpFlags = neg(fc.subarray([...TCP_FLAGS], { minLength: 1 }).chain((mask) => fc.record({ mask: fc.constant(mask), compare: fc.subarray(mask) })));

function protoMatch(proto: Proto, kernelSafe: boolean): fc.Arbitrary<Match[]> {
  const ports = kernelSafe ? kernelTcpUdpPorts : tcpUdpPorts;
  if (proto === 'tcp')
    return fc.option(
      fc.record(
        { kind: fc.constant('tcp' as const), sourcePort: ports, destinationPort: ports, tcpFlags: kernelSafe ? kernelTcpFlags : tcpFlags },
        { requiredKeys: ['kind'] },
      ),
      { nil: undefined },
    ).map((m) => (m ? [m] : []));
  if (proto === 'udp' || proto === 'sctp')
    return fc.option(fc.record({ kind: fc.constant(proto), sourcePort: proto === 'udp' ? ports : neg(portRange), destinationPort: proto === 'udp' ? ports : neg(portRange) }, { requiredKeys: ['kind'] }), { nil: undefined }).map((m) => (m ? [m] : []));
  if (proto === 'icmp')
    return fc
      .option(
        fc.oneof(
          fc.constant({ type: 255 }),
          fc.record({ type: fc.integer({ min: 0, max: 254 }) }),
          fc.record({ type: fc.integer({ min: 0, max: 254 }), code: fc.integer({ min: 0, max: 255 }) }),
        ),
        { nil: undefined },
      )
      .chain((t) => (t ? neg(fc.constant(t)).map((icmpType) => [{ kind: 'icmp' as const, icmpType }]) : fc.constant([] as Match[])));
  return fc.constant([]);
}

function otherMatch(proto: Proto, kernelSafe: boolean): fc.Arbitrary<Match> {
  const all: fc.Arbitrary<Match>[] = [
  printable.map((comment) => ({ kind: 'comment' as const, comment })),
  fc.record({ kind: fc.constantFrom('mark' as const, 'connmark' as const), value: u32, mask: u32, invert: fc.boolean() }),
  fc.record({ kind: fc.constant('statistic' as const), mode: fc.constant('random' as const), probabilityU32: fc.integer({ min: 0, max: 0x80000000 }), invert: fc.boolean() }),
  fc.integer({ min: 1, max: 100 }).chain((every) =>
    fc.record({ kind: fc.constant('statistic' as const), mode: fc.constant('nth' as const), every: fc.constant(every), packet: fc.integer({ min: 0, max: every - 1 }), invert: fc.boolean() }),
  ),
  fc.record({ kind: fc.constant('addrtype' as const), srcType: neg(subset(ADDR)), dstType: neg(subset(ADDR)) }, { requiredKeys: ['kind', 'dstType'] }),
  fc.record({ kind: fc.constant('conntrack' as const), ctstate: neg(subset(CT)) }),
  fc.record({ kind: fc.constant('state' as const), state: neg(subset(CT.slice(0, 5))) }),
  fc
    .record({
      command: fc.constantFrom('set' as const, 'rcheck' as const, 'update' as const, 'remove' as const),
      invert: fc.boolean(),
      name: word,
      seconds: fc.option(fc.integer({ min: 1, max: 86400 }), { nil: undefined }),
      reap: fc.boolean(),
      hitcount: fc.option(fc.integer({ min: 1, max: 20 }), { nil: undefined }),
      mask: u32.map(ipv4),
      side: fc.constantFrom('source' as const, 'dest' as const),
    })
    .map(({ seconds: s0, reap, hitcount: h0, ...m }): Match => {
      // xt_recent refuses --seconds/--hitcount/--reap with --set or --remove.
      const checks = m.command === 'rcheck' || m.command === 'update';
      const seconds = checks ? s0 : undefined;
      const hitcount = checks ? h0 : undefined;
      return {
      kind: 'recent',
      ...m,
      ...(seconds !== undefined ? { seconds } : {}),
      // --reap needs --seconds (xt_recent checkentry).
      ...(reap && seconds !== undefined ? { reap: true } : {}),
      ...(hitcount !== undefined ? { hitcount } : {}),
      };
    }),
  nfacctName.map((name) => ({ kind: 'nfacct' as const, name })),
  ];
  const multiport = fc.record({ kind: fc.constant('multiport' as const), which: fc.constantFrom('sports' as const, 'dports' as const, 'ports' as const), ports: neg(fc.array(portRange, { minLength: 1, maxLength: 7 })) });
  const set = fc.record({ kind: fc.constant('set' as const), setName: word, flags: fc.subarray(['src', 'dst'] as ('src' | 'dst')[], { minLength: 1 }), invert: fc.boolean() });
  // The kernel wants -p tcp/udp/sctp for multiport, and an existing ipset for -m set.
  if (!kernelSafe || proto === 'tcp' || proto === 'udp' || proto === 'sctp') all.push(multiport);
  if (!kernelSafe) all.push(set);
  return fc.oneof(...all);
}

// libxt_DNAT/SNAT: a port range needs `-p tcp|udp|sctp` ("Need TCP, UDP, SCTP or DCCP with port specification").
const natRangeOf = (withPorts: boolean) => fc
  .record({ a: u32, span: fc.integer({ min: 0, max: 3 }), ports: withPorts ? fc.option(fc.tuple(fc.integer({ min: 1, max: 65535 }), fc.integer({ min: 0, max: 5 })), { nil: undefined }) : fc.constant(undefined) })
  .map(({ a, span, ports }) => {
    const min = Math.min(a, 0xffffffff - span);
    return { minAddress: ipv4(min), maxAddress: ipv4(min + span), ...(ports ? { ports: { from: ports[0], to: Math.min(65535, ports[0] + ports[1]) } } : {}) };
  });
const natRange = natRangeOf(true);
const natRangeNoPorts = natRangeOf(false);

function target(chains: readonly string[], table: TableName, kernelSafe: boolean, chain: string, proto: Proto): fc.Arbitrary<Target> {
  const common: fc.Arbitrary<Target>[] = [
    // iptables inhibits DROP in the nat table ("not intended for filtering").
    table === 'nat' ? fc.constantFrom<Target>({ kind: 'none' }, { kind: 'ACCEPT' }, { kind: 'RETURN' }) : fc.constantFrom<Target>({ kind: 'none' }, { kind: 'ACCEPT' }, { kind: 'DROP' }, { kind: 'RETURN' }),
    fc.record({ kind: fc.constant('MARK' as const), value: u32, mask: u32 }),
    fc.record({ kind: fc.constant('LOG' as const), prefix: logPrefix, level: fc.constantFrom(0, 1, 2, 3, 5, 6, 7) }, { requiredKeys: ['kind'] }),
    fc.oneof(
      fc.record({ kind: fc.constant('CONNMARK' as const), mode: fc.constant('set' as const), value: u32, mask: u32 }),
      fc.record({ kind: fc.constant('CONNMARK' as const), mode: fc.constantFrom('save' as const, 'restore' as const), nfmask: u32, ctmask: u32 }),
    ),
  ];
  if (chains.length) common.push(fc.record({ kind: fc.constantFrom('jump' as const, 'goto' as const), chain: fc.constantFrom(...chains) }));
  if (table === 'filter') common.push(fc.record({ kind: fc.constant('REJECT' as const), rejectWith: fc.constantFrom('icmp-port-unreachable', 'icmp-host-unreachable', 'icmp-net-prohibited', 'icmp-admin-prohibited') }));
  // NAT targets are only valid at some hooks (DNAT: PREROUTING/OUTPUT; SNAT: POSTROUTING/INPUT; MASQUERADE:
  // POSTROUTING), which the kernel also enforces for user chains reached from elsewhere: kernel runs put them in
  // the built-in chains where they are valid only.
  const to = kernelSafe && proto !== 'tcp' && proto !== 'udp' && proto !== 'sctp' ? natRangeNoPorts : natRange;
  const dnat = fc.record({ kind: fc.constant('DNAT' as const), to, random: fc.constant(true), persistent: fc.constant(true) }, { requiredKeys: ['kind', 'to'] });
  const snat = fc.record({ kind: fc.constant('SNAT' as const), to, random: fc.constant(true), randomFully: fc.constant(true), persistent: fc.constant(true) }, { requiredKeys: ['kind', 'to'] });
  const masquerade = fc.record({ kind: fc.constant('MASQUERADE' as const), random: fc.constant(true), randomFully: fc.constant(true) }, { requiredKeys: ['kind'] });
  if (table === 'nat' && !kernelSafe) common.push(dnat, snat, masquerade);
  if (table === 'nat' && kernelSafe) {
    if (chain === 'PREROUTING' || chain === 'OUTPUT') common.push(dnat);
    if (chain === 'POSTROUTING' || chain === 'INPUT') common.push(snat);
    if (chain === 'POSTROUTING') common.push(masquerade);
  }
  if (table === 'raw') common.push(fc.constant<Target>({ kind: 'NOTRACK' }), fc.constant<Target>({ kind: 'CT', notrack: true }));
  return fc.oneof(...common);
}

function rule(chain: string, chains: readonly string[], table: TableName, withCounters: boolean, kernelSafe: boolean): fc.Arbitrary<Rule> {
  // iptables refuses -i in OUTPUT/POSTROUTING and -o in PREROUTING/INPUT; in user chains it depends on who jumps there.
  const user = chains.includes(chain);
  const inOk = !(kernelSafe && user) && chain !== 'OUTPUT' && chain !== 'POSTROUTING';
  const outOk = !(kernelSafe && user) && chain !== 'PREROUTING' && chain !== 'INPUT';
  return fc.constantFrom<Proto>(undefined, 'tcp', 'udp', 'sctp', 'icmp').chain((proto) =>
    fc.record({
      ip: fc.record(
        {
          source: address(kernelSafe),
          destination: address(kernelSafe),
          ...(inOk ? { inInterface: neg(iface) } : {}),
          ...(outOk ? { outInterface: neg(iface) } : {}),
          ...(proto ? { protocol: fc.constant({ value: proto, invert: false }) } : {}),
        },
        { requiredKeys: proto ? ['protocol'] : [] },
      ),
      matches: fc
        .tuple(protoMatch(proto, kernelSafe), fc.array(otherMatch(proto, kernelSafe), { maxLength: 3 }))
        .map(([p, o]) => [...o.slice(0, 1), ...p, ...o.slice(1)])
        // iptables merges every loaded module's options into one getopt table, so when mark and connmark (both
        // `--mark`) are loaded together, a repeated one gets the other's option: "--mark can only be used once".
        // Our parser gives an option to the latest module that takes it; kernel runs avoid the clash.
        .filter((ms) => !kernelSafe || !(ms.some((m) => m.kind === 'mark') && ms.some((m) => m.kind === 'connmark'))),
      // A user chain jumps only to chains after it: the kernel refuses loops (and so does the parser).
      target: target(user ? chains.slice(chains.indexOf(chain) + 1) : chains, table, kernelSafe, chain, proto),
      counters: withCounters ? fc.record({ packets: fc.nat(), bytes: fc.nat() }) : fc.constant({ packets: 0, bytes: 0 }),
    }),
  );
}

/** A valid ruleset of the given tables (user chains KPL-1…, rules in every chain). */
export function arbitraryRuleset(tables: readonly TableName[] = ['filter', 'nat', 'raw'], withCounters = true, kernelSafe = false): fc.Arbitrary<Ruleset> {
  return fc
    .tuple(...tables.map((t) => fc.integer({ min: 0, max: 3 }).map((n) => [t, Array.from({ length: n }, (_, i) => `KPL-${t.toUpperCase()}-${i + 1}`)] as const)))
    .chain((spec) =>
      fc
        .tuple(
          ...spec.map(([table, userChains]) =>
            fc.tuple(
              ...[...BUILTIN_CHAINS[table], ...userChains].map((name) =>
                fc.record({
                  name: fc.constant(name),
                  rules: fc.array(rule(name, userChains, table, withCounters, kernelSafe), { maxLength: 4 }),
                  ...(userChains.includes(name)
                    ? {}
                    : { policy: table === 'nat' ? fc.constant('ACCEPT' as const) : fc.constantFrom('ACCEPT' as const, 'DROP' as const), policyCounters: withCounters ? fc.record({ packets: fc.nat(), bytes: fc.nat() }) : fc.constant({ packets: 0, bytes: 0 }) }),
                }),
              ),
            ),
          ),
        )
        .map((perTable) => ({
          tables: new Map(perTable.map((chains, i) => [spec[i]![0], { name: spec[i]![0], chains: new Map((chains as Chain[]).map((c) => [c.name, c])) }])),
        })),
    );
}
